using Treu.Testing;

namespace Treu.Load.Tests;

/// <summary>
/// The load benchmark's smoke mode against a real server process, as CI runs it: a few seconds of every kind of till
/// request, then the ledger audit. It asserts that nothing failed, never how fast anything was.
/// </summary>
[Trait("Tier", "slow")]
public sealed class SmokeSpec
{
    [Fact]
    public async Task Smoke_on_sqlite_sends_every_kind_of_request_without_an_error()
    {
        var report = await Run(LoadOptions.SmokeDefaults() with { Database = Database.Sqlite });

        Assert.Null(report.Reference); // pgbench measures PostgreSQL only
    }

    [Fact]
    public async Task Smoke_on_postgres_sends_every_kind_of_request_without_an_error_and_runs_the_reference()
    {
        // The PostgreSQL named by TREU_TEST_POSTGRES, or else a throwaway cluster of the benchmark's own.
        var server = Environment.GetEnvironmentVariable("TREU_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(server) && PostgresCluster.Unavailable() is { } why)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{why} CI must run the PostgreSQL smoke.");
            Assert.Skip($"{why} Set TREU_TEST_POSTGRES to use a PostgreSQL of your own.");
        }

        var report = await Run(string.IsNullOrWhiteSpace(server)
            ? LoadOptions.SmokeDefaults() with { Database = Database.Postgres }
            : LoadOptions.SmokeDefaults() with { Database = Database.ExistingPostgres, PostgresServer = server });

        var reference = Assert.IsType<ReferenceResult>(report.Reference);
        Assert.True(reference.Transactions > 0, "pgbench ran no transaction");
        Assert.Equal(0, reference.Failed);
        Assert.NotNull(report.Ratio);
    }

    private static async Task<LoadReport> Run(LoadOptions options)
    {
        var output = new StringWriter();
        var report = await LoadBenchmark.RunAsync(options with { Out = output, Seed = 4711 });
        var text = output + Report.Format(report);
        TestContext.Current.TestOutputHelper?.WriteLine(text);

        Assert.True(report.Errors == 0, $"The smoke run had errors:\n{text}");
        Assert.Equal(options.Members, report.Enrolled);
        Assert.True(report.Funded > 0, text);
        foreach (var op in Mix.Weights.Select(w => w.Op))
        {
            Assert.True(report.Mix[op].Ok > 0, $"No successful '{Measurements.Name(op)}' in the smoke run:\n{text}");
        }

        Assert.True(report.LedgerVerified, $"The ledger did not verify after the smoke run:\n{text}");
        Assert.NotNull(report.PeakMemoryMb);
        Assert.EndsWith($"errors 0; rss MB {report.PeakMemoryMb:F0}", report.Summary);
        return report;
    }
}
