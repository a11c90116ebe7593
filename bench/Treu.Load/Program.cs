using Treu.Load;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(LoadOptions.Usage);
    return 0;
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var report = await LoadBenchmark.RunAsync(options);
Console.WriteLine(Report.Format(report));
// Any error fails the run, so that the smoke mode can gate CI and a measurement with errors is not taken for one.
return report.Errors == 0 ? 0 : 1;
