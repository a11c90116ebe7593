using Spectre.Console;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Cli;

namespace Treu.Api.Tests.Import;

public static class Cli
{
    /// <summary>Runs a <c>treu</c> command in-process against the app's database; returns its exit code and what it printed.</summary>
    public static Task<(int Code, string Output)> Treu(this TreuApp app, params string[] args) => app.TreuWith([], args);

    /// <summary>The same, with <paramref name="settings"/> (<c>--Treu:…=…</c>) given after the app's own, so that they win.</summary>
    public static async Task<(int Code, string Output)> TreuWith(this TreuApp app, string[] settings, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 200;
        var code = await Commands.RunAsync([.. args, .. app.CommandLineSettings, "--Treu:Demo:Seed=false", .. settings], console);
        return (code, output.ToString());
    }
}

/// <summary>Base of the import specs: input and report files live in a folder of the test's own, removed when the test ends.</summary>
public abstract class ImportSpec(TreuApp app) : ApiSpec(app), IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "treu-tests", "import-" + Guid.NewGuid().ToString("n"))).FullName;

    protected string TempFile(string name) => Path.Combine(_dir, $"{name}-{Guid.NewGuid():n}.csv");

    protected string CsvFile(string header, params string[] rows)
    {
        var path = TempFile("input");
        File.WriteAllLines(path, [header, .. rows]);
        return path;
    }

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
