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

// Ctrl+C ends the run cleanly: without this the process would die at once and leave the server and the
// throwaway PostgreSQL cluster running.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Console.Error.WriteLine("Stopping: finishing requests in flight, then cleaning up …");
    stop.Cancel();
};
var report = await LoadBenchmark.RunAsync(options with { Stop = stop.Token });
Console.WriteLine(Report.Format(report));
// Any error fails the run, so that the smoke mode can gate CI and a measurement with errors is not taken for one.
return report.Errors == 0 ? 0 : 1;
