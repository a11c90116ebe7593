using System.Text.Json;
using Treu.Testing;

namespace Treu.Load.Tests;

/// <summary>The parts of the benchmark whose mistakes would make its figures wrong without anyone noticing.</summary>
public sealed class BenchmarkPartsSpec
{
    [Theory]
    [InlineData(Op.Earn, 201, null, Verdict.Ok)]
    [InlineData(Op.Balance, 200, null, Verdict.Ok)]
    [InlineData(Op.Redeem, 422, "insufficient_points", Verdict.Refused)]
    [InlineData(Op.Earn, 422, "insufficient_points", Verdict.Error)]
    [InlineData(Op.Redeem, 422, "redemption_above_basket_share", Verdict.Error)]
    [InlineData(Op.Earn, 409, "concurrent_conflict", Verdict.Error)]
    [InlineData(Op.Return, 422, "line_already_returned", Verdict.Error)]
    [InlineData(Op.Earn, 500, "error", Verdict.Error)]
    [InlineData(Op.Earn, 0, "time-out (30 s)", Verdict.Error)]
    public void Only_a_redemption_beyond_the_balance_counts_as_an_expected_refusal(Op op, int status, string? code, Verdict verdict) =>
        Assert.Equal(verdict, Till.Classify(op, status, code));

    [Fact]
    public void Baskets_have_1_to_30_lines_of_distinct_articles_and_some_organic_produce()
    {
        var baskets = Catalogue.Baskets(2000, new Random(1));

        var lines = baskets.Select(b => JsonDocument.Parse(b.LinesJson).RootElement.EnumerateArray().ToList()).ToList();
        Assert.All(lines, l => Assert.InRange(l.Count, 1, 30));
        Assert.All(lines, l => Assert.Equal(l.Count, l.Select(x => x.GetProperty("sku").GetString()).Distinct().Count()));
        Assert.Contains(lines, l => l.Count >= 20);
        Assert.InRange(lines.Average(l => l.Count), 5, 12);
        Assert.True(lines.SelectMany(l => l).Count(x => x.GetProperty("category").GetString() == "organic") > 500);
        Assert.All(baskets, b => Assert.Contains(lines[Array.IndexOf(baskets, b)], x => x.GetProperty("sku").GetString() == b.ReturnSku));
    }

    [Fact]
    public void Whether_postgres_has_its_shared_memory_in_huge_pages_is_read_from_the_postmasters_status()
    {
        const string status = "Name:\tpostgres\nVmRSS:\t   81234 kB\nHugetlbPages:\t   73728 kB\nThreads:\t1\n";

        Assert.Equal(73728, ProcessStatus.StatusKilobytes(status.Split('\n'), "HugetlbPages"));
        Assert.Equal(0, ProcessStatus.StatusKilobytes(status.Replace("   73728", "       0").Split('\n'), "HugetlbPages"));
        Assert.Null(ProcessStatus.StatusKilobytes("Name:\tpostgres\nVmRSS:\t   81234 kB\n".Split('\n'), "HugetlbPages")); // a kernel without the line
        Assert.NotNull(ProcessStatus.Read(Environment.ProcessId, "HugetlbPages")); // this kernel has it
    }

    [Fact]
    public void The_reference_rate_is_read_from_pgbench_output()
    {
        const string output = """
            transaction type: /tmp/earn.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 32
            number of threads: 2
            maximum number of tries: 1
            duration: 60 s
            number of transactions actually processed: 162600
            number of failed transactions: 0 (0.000%)
            latency average = 11.809 ms
            initial connection time = 21.530 ms
            tps = 2709.894737 (without initial connection time)
            """;

        Assert.Equal(new ReferenceResult(2709.894737, 11.809, 162600, 0), Reference.Parse(output));
    }

    [Fact]
    public void Smoke_mode_is_small_and_audits_the_ledger_and_options_are_checked()
    {
        var smoke = LoadOptions.Parse(["--smoke", "--sqlite"]);
        Assert.Equal((true, Database.Sqlite, 100, 4, true), (smoke.Smoke, smoke.Database, smoke.Members, smoke.Clients, smoke.Verify));

        var full = LoadOptions.Parse(["--clients", "16", "--rate", "1000", "--duration", "30"]);
        Assert.Equal((Database.Postgres, 100_000, 16, 1000.0, 30.0), (full.Database, full.Members, full.Clients, full.Rate, full.Duration.TotalSeconds));

        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--clients", "0"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--duration"]));
        Assert.Throws<ArgumentException>(() => LoadOptions.Parse(["--client", "4"]));
    }

    [Fact]
    public void The_open_loop_rate_is_for_purchases_with_the_rest_of_the_mix_in_proportion()
    {
        Assert.Equal(0.8, Mix.PurchaseShare, 3);

        var random = new Random(3);
        var picks = Enumerable.Range(0, 100_000).Select(_ => Mix.Pick(random)).GroupBy(o => o).ToDictionary(g => g.Key, g => g.Count() / 1000.0);
        Assert.InRange(picks[Op.Earn], 69, 71);
        Assert.InRange(picks[Op.Redeem], 9.5, 10.5);
        Assert.InRange(picks[Op.Return], 4.5, 5.5);
        Assert.InRange(picks[Op.Enrol], 4.5, 5.5);
        Assert.InRange(picks[Op.Balance] + picks[Op.LookupCard] + picks[Op.LookupEmail], 9.5, 10.5);
    }
}
