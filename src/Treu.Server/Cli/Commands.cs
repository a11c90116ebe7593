using Spectre.Console;
using Treu.Server.Ledger;
using Treu.Server.Storage;

namespace Treu.Server.Cli;

/// <summary>Operator commands run by the same binary: <c>treu ledger verify</c>, <c>treu migrate</c>.</summary>
public static class Commands
{
    public static bool IsCommand(string first) => first is "ledger" or "migrate" or "help" or "--help";

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var builder = Host.CreateApplicationBuilder(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--help").ToArray());
        builder.Services.Configure<TreuOptions>(builder.Configuration.GetSection("Treu"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddTreuStorage();
        builder.Services.AddScoped<LedgerAudit>();
        builder.Services.AddScoped<DatabaseStartup>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();

        switch (args)
        {
            case ["ledger", "verify", ..]:
                return await VerifyAsync(scope.ServiceProvider.GetRequiredService<LedgerAudit>(), console);
            case ["migrate", ..]:
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(CancellationToken.None);
                console.MarkupLine("[green]Database is up to date.[/]");
                return 0;
            default:
                console.MarkupLine("Usage: [bold]treu[/] [[ledger verify | migrate]] [[--Treu:Database:Provider=postgresql --Treu:Database:ConnectionString=…]]");
                console.MarkupLine("Without a command, treu runs the server.");
                return args is ["help" or "--help", ..] ? 0 : 2;
        }
    }

    private static async Task<int> VerifyAsync(LedgerAudit audit, IAnsiConsole console)
    {
        var report = await console.Status().StartAsync("Verifying balances and hash chains…", _ => audit.VerifyAsync(null, CancellationToken.None));
        console.MarkupLine($"Checked [bold]{report.MembersChecked}[/] members and [bold]{report.EntriesChecked}[/] ledger entries.");
        if (report.Ok)
        {
            console.MarkupLine("[green]Ledger verified: every balance equals the sum of its entries and every hash chain is intact.[/]");
            return 0;
        }

        var table = new Table().AddColumns("Member", "Entry", "Problem");
        foreach (var m in report.Mismatches)
        {
            table.AddRow(Markup.Escape(m.MemberId), m.Seq?.ToString() ?? "-", Markup.Escape(m.Problem));
        }

        console.Write(table);
        console.MarkupLine($"[red]{report.Mismatches.Count} mismatch(es) found.[/]");
        return 1;
    }
}
