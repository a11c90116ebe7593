using Spectre.Console;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Cli;

namespace Treu.Api.Tests.Import;

public static class Cli
{
    /// <summary>Runs a <c>treu</c> command in-process against the app's database; returns its exit code and what it printed.</summary>
    public static async Task<(int Code, string Output)> Treu(this TreuApp app, params string[] args)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 200;
        var code = await Commands.RunAsync([.. args, .. app.CommandLineSettings, "--Treu:Demo:Seed=false"], console);
        return (code, output.ToString());
    }
}
