using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Treu.Server.Import;
using Treu.Server.Storage;

namespace Treu.Server.Cli;

/// <summary><c>treu import members</c> and <c>treu generate</c>: bulk loads with a progress bar and a report.</summary>
public static class ImportCommands
{
    /// <summary><c>treu import members|transactions file.csv</c>: the same progress bar, summary and report for both.</summary>
    public static async Task<int> ImportAsync(IServiceProvider services, string[] args, string what, string file, string? programOption, string? reportOption, IAnsiConsole console)
    {
        if (!TryWriters(args, out var writers))
        {
            console.MarkupLine("[red]--writers must be a whole number from 1 to 16.[/]");
            return 2;
        }

        var chunkSize = MemberImport.ChunkSize;
        if (Commands.Option(args, "--chunk-size") is { } chunkOption && (!int.TryParse(chunkOption, out chunkSize) || chunkSize is < 1 or > 100_000))
        {
            console.MarkupLine("[red]--chunk-size must be a whole number from 1 to 100000.[/]");
            return 2;
        }

        Func<string, TextReader, Action<RejectedRow>, Action<long>, CancellationToken, Task<ImportReport>> run = what switch
        {
            "members" => (program, text, rejected, progress, ct) => services.GetRequiredService<MemberImport>().RunAsync(program, text, writers, rejected, progress, ct, chunkSize),
            _ => services.GetRequiredService<TransactionImport>().RunAsync,
        };
        if (!File.Exists(file))
        {
            console.MarkupLine($"[red]No file {Markup.Escape(file)}.[/]");
            return 2;
        }

        if (await PrepareAsync(services, programOption, console) is not { } programId)
        {
            return 2;
        }

        var reportPath = reportOption ?? Path.ChangeExtension(file, ".rejected.csv");
        var watch = Stopwatch.StartNew();
        var examples = new Dictionary<string, RejectedRow>(StringComparer.Ordinal);
        ImportReport report;
        await using (var input = File.OpenRead(file))
        await using (var reportFile = new StreamWriter(reportPath))
        await using (var rejectedCsv = new CsvWriter(reportFile, CultureInfo.InvariantCulture))
        {
            rejectedCsv.WriteHeader<RejectedRow>();
            await rejectedCsv.NextRecordAsync();
            using var text = new StreamReader(input);
            try
            {
                report = await console.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var task = ctx.AddTask($"Importing {Markup.Escape(Path.GetFileName(file))}", maxValue: Math.Max(input.Length, 1));
                        var result = await run(programId, text,
                            row =>
                            {
                                rejectedCsv.WriteRecord(row);
                                rejectedCsv.NextRecord();
                                examples.TryAdd(row.Code, row);
                            },
                            rows =>
                            {
                                task.Value = input.Position;
                                task.Description = $"Importing {Markup.Escape(Path.GetFileName(file))}: {rows:N0} rows";
                            }, CancellationToken.None);
                        task.Value = task.MaxValue;
                        return result;
                    });
            }
            catch (ImportFileException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/] Nothing was imported.");
                return 2;
            }
        }

        console.MarkupLine($"Read [bold]{report.Read:N0}[/] rows in {watch.Elapsed.TotalSeconds:N1} s: [green]{report.Imported:N0} imported[/], " +
            $"{report.AlreadyPresent:N0} already present (same {(what == "members" ? "externalRef" : "externalId")}), [red]{report.Rejected:N0} rejected[/]; " +
            $"{report.Points:N0} points posted to the ledger.");
        if (report.Rejected == 0)
        {
            File.Delete(reportPath);
            return 0;
        }

        var table = new Table().AddColumns("Reason", "Rows", "First line", "Example");
        foreach (var (code, count) in report.RejectedByCode.OrderByDescending(c => c.Value))
        {
            var example = examples[code];
            table.AddRow(code, count.ToString("N0", CultureInfo.InvariantCulture), example.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(example.Reason));
        }

        console.Write(table);
        console.MarkupLine($"Rejected rows, with line numbers and reasons: [bold]{Markup.Escape(reportPath)}[/]. "
            + "Fix them and run the same command again: rows already imported are skipped.");
        return 1;
    }

    public static async Task<int> GenerateAsync(IServiceProvider services, string[] args, string? programOption, IAnsiConsole console)
    {
        if (!long.TryParse(Commands.Option(args, "--members"), out var members) | !long.TryParse(Commands.Option(args, "--entries") ?? "0", out var entries)
            | !int.TryParse(Commands.Option(args, "--seed") ?? "1", out var seed)
            | !TryWriters(args, out var writers))
        {
            console.MarkupLine("Usage: [bold]treu generate --members <n> --entries <n>[/] [[--program <id>]] [[--seed <n>]] [[--writers <n>]]");
            return 2;
        }

        if (await PrepareAsync(services, programOption, console) is not { } programId)
        {
            return 2;
        }

        var watch = Stopwatch.StartNew();
        try
        {
            var report = await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("Generating members", maxValue: members);
                    return await services.GetRequiredService<Generator>().RunAsync(programId, members, entries, seed, writers, done => task.Value = done, CancellationToken.None);
                });
            // Generated members' ids do not carry their enrolment time, which the dashboard's roll-up reads by: count them anew.
            await services.GetRequiredService<Figures.FiguresRollUp>().RebuildAsync(programId, CancellationToken.None);
            console.MarkupLine($"Generated [bold]{report.Members:N0}[/] members, [bold]{report.Entries:N0}[/] ledger entries and {report.Lots:N0} lots " +
                $"({report.PendingLots:N0} pending, {report.LotsDueForExpiry:N0} due for expiry) in {watch.Elapsed.TotalSeconds:N1} s.");
            console.MarkupLine("Member i: id mbr_gen{i:D12}, e-mail m{i}@gen.treu.dev, card 29{i:D10}+check digit, phone +4915{i:D9} (docs/import.md).");
            return 0;
        }
        catch (ImportFileException e)
        {
            console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            return 2;
        }
    }

    /// <summary><c>--writers n</c>: COPYs at once, each on its own connection (1 to 16; default: 2 on PostgreSQL, 1 on SQLite).</summary>
    private static bool TryWriters(string[] args, out int? writers)
    {
        writers = null;
        if (Commands.Option(args, "--writers") is not { } raw)
        {
            return true;
        }

        writers = int.TryParse(raw, out var n) && n is >= 1 and <= 16 ? n : null;
        return writers is not null;
    }

    /// <summary>Brings the schema up to date (as the server does on start) and finds the program to load into.</summary>
    internal static async Task<string?> PrepareAsync(IServiceProvider services, string? programOption, IAnsiConsole console)
    {
        await services.GetRequiredService<DatabaseStartup>().RunAsync(CancellationToken.None);
        var programs = await services.GetRequiredService<TreuDbContext>().Programs.AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync();
        if (programOption is not null)
        {
            if (programs.Any(p => p.Id == programOption))
            {
                return programOption;
            }

            console.MarkupLine($"[red]No program '{Markup.Escape(programOption)}'.[/] Programs: {Markup.Escape(string.Join(", ", programs.Select(p => $"{p.Id} ({p.Name})")))}");
            return null;
        }

        if (programs.Count == 1)
        {
            return programs[0].Id;
        }

        console.MarkupLine($"[red]There are {programs.Count} programs: name one with --program.[/] {Markup.Escape(string.Join(", ", programs.Select(p => $"{p.Id} ({p.Name})")))}");
        return null;
    }
}
