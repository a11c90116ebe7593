using Spectre.Console;
using Treu.Domain.Ledger;
using Treu.Server.Import;
using Treu.Server.Ledger;
using Treu.Server.Storage;

namespace Treu.Server.Cli;

/// <summary>
/// Operator commands run by the same binary: <c>treu ledger verify</c>, <c>treu migrate</c>, <c>treu member export</c>,
/// <c>treu import members</c>, <c>treu generate</c>, <c>treu users add</c>.
/// </summary>
public static class Commands
{
    public const string Usage = """
        Usage: treu [ledger verify [--checkpoint <file.json> [--public-key <base64>]] | migrate
                    | member export <member id> --out <file.json | file.zip> [--program <id>]
                    | import members|transactions <file.csv> [--program <id>] [--report <rejected.csv>] [--writers <n>]
                    | generate --members <n> --entries <n> [--program <id>] [--seed <n>] [--writers <n>]
                    | users add --email <address> --name <display name> --role owner|manager|analyst|support|cashier [--store <id>] [--password <p>] [--program <id>]]
                    [--Treu:Database:Provider=postgresql --Treu:Database:ConnectionString=…]
        Without a command, treu runs the server.
        """;

    public static bool IsCommand(string first) =>
        first is "ledger" or "migrate" or "member" or "import" or "generate" or "users" or "help" or "--help";

    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        console ??= AnsiConsole.Console;
        var builder = Host.CreateApplicationBuilder(args.SkipWhile(a => !a.StartsWith("--", StringComparison.Ordinal) || a == "--help").ToArray());
        // The server's own services, so a command runs exactly the code the server runs (nothing is started).
        builder.Services.AddTreuServer(builder.Configuration);
        builder.Services.AddScoped<MemberImport>();
        builder.Services.AddScoped<MemberImport.MemberImportWriter>();
        builder.Services.AddScoped<TransactionImport>();
        builder.Services.AddScoped<Generator>();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Past the console's line wrapping: one line each, also when the output goes to a log rather than a terminal.
        if (SettingsCheck.Refuse(builder.Configuration, console.Profile.Out.Writer))
        {
            return 2;
        }

        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();

        switch (args)
        {
            case ["ledger", "verify", ..] when Option(args, "--checkpoint") is { } checkpoint:
                return await CheckpointCommands.VerifyAsync(scope.ServiceProvider, checkpoint, Option(args, "--public-key"), console);
            case ["ledger", "verify", ..]:
                return await VerifyAsync(scope.ServiceProvider.GetRequiredService<LedgerAudit>(), console);
            case ["migrate", ..]:
                await scope.ServiceProvider.GetRequiredService<DatabaseStartup>().RunAsync(CancellationToken.None);
                console.MarkupLine("[green]Database is up to date.[/]");
                return 0;
            case ["member", "export", var member, ..] when !member.StartsWith("--", StringComparison.Ordinal):
                return await MemberCommands.ExportAsync(scope.ServiceProvider, member, Option(args, "--program"), Option(args, "--out"), console);
            case ["import", "members" or "transactions", var file, ..]:
                return await ImportCommands.ImportAsync(scope.ServiceProvider, args, args[1], file, Option(args, "--program"), Option(args, "--report"), console);
            case ["generate", ..]:
                return await ImportCommands.GenerateAsync(scope.ServiceProvider, args, Option(args, "--program"), console);
            case ["users", "add", ..]:
                return await UserCommands.AddAsync(scope.ServiceProvider, args, console);
            default:
                // Plain text: the usage's brackets are meant literally, not as markup.
                console.WriteLine(Usage);
                return args is ["help" or "--help", ..] ? 0 : 2;
        }
    }

    /// <summary>The value after <paramref name="name"/> (<c>--program x</c> or <c>--program=x</c>), if given.</summary>
    public static string? Option(string[] args, string name)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == name && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }

        return null;
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

        WriteMismatches(report.Mismatches, console);
        return 1;
    }

    /// <summary>The entries a verification found wrong, a row each, for <c>ledger verify</c> with or without a checkpoint.</summary>
    internal static void WriteMismatches(IReadOnlyList<LedgerMismatch> mismatches, IAnsiConsole console)
    {
        var table = new Table().AddColumns("Member", "Entry", "Problem");
        foreach (var m in mismatches)
        {
            table.AddRow(Markup.Escape(m.MemberId), m.Seq?.ToString() ?? "-", Markup.Escape(m.Problem));
        }

        console.Write(table);
        console.MarkupLine($"[red]{mismatches.Count} mismatch(es) found.[/]");
    }
}
