using System.Globalization;
using System.Text.RegularExpressions;
using Treu.Testing;

namespace Treu.Load;

/// <summary>What pgbench measured.</summary>
public sealed record ReferenceResult(double Tps, double LatencyAverageMs, long Transactions, long Failed);

/// <summary>
/// The physical reference: the least a durable earn can cost on this PostgreSQL. One transaction inserts a ledger row
/// with a unique key and updates one balance, and commits (synchronous_commit=on), run by pgbench with as many clients
/// as the tills, in tables of their own.
/// </summary>
public static partial class Reference
{
    private const int Accounts = 100_000;

    public const string Script = """
        \set account random(1, 100000)
        \set points random(1, 300)
        BEGIN;
        INSERT INTO load_ref_entries (account_id, external_key, points) VALUES (:account, gen_random_uuid()::text, :points);
        UPDATE load_ref_accounts SET available = available + :points WHERE id = :account;
        END;
        """;

    public static async Task<ReferenceResult> RunAsync(PostgresDatabase database, int clients, TimeSpan duration, bool checkpoint)
    {
        await database.ExecuteAsync($"""
            DROP TABLE IF EXISTS load_ref_entries, load_ref_accounts;
            CREATE TABLE load_ref_accounts (id bigint PRIMARY KEY, available bigint NOT NULL DEFAULT 0);
            CREATE TABLE load_ref_entries (id bigserial PRIMARY KEY, account_id bigint NOT NULL, external_key text NOT NULL UNIQUE,
                points bigint NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO load_ref_accounts (id) SELECT g FROM generate_series(1, {Accounts}) g;
            ANALYZE load_ref_accounts;
            """);
        if (checkpoint)
        {
            await database.CheckpointAsync();
        }
        var script = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(script, Script);
            var parts = database.Parts;
            var environment = new Dictionary<string, string>
            {
                // The server's default, said out loud: every commit waits for its WAL flush.
                ["PGOPTIONS"] = "-c synchronous_commit=on",
                ["PGPASSWORD"] = parts.Password ?? "",
            };
            var output = await Command.RunAsync(PostgresCluster.Tool("pgbench"),
            [
                "-h", parts.Host ?? "127.0.0.1", "-p", parts.Port.ToString(CultureInfo.InvariantCulture), "-U", parts.Username ?? "postgres",
                "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture),
                "-j", Math.Min(clients, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture),
                "-T", Math.Max(1, (int)Math.Round(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
                "-f", script, database.Name,
            ], environment: environment);
            return Parse(output);
        }
        finally
        {
            File.Delete(script);
            await database.ExecuteAsync("DROP TABLE IF EXISTS load_ref_entries, load_ref_accounts");
        }
    }

    public static ReferenceResult Parse(string pgbenchOutput)
    {
        double Number(Regex pattern) => pattern.Match(pgbenchOutput) is { Success: true } m
            ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"Unexpected pgbench output:\n{pgbenchOutput}");

        var failed = FailedPattern().Match(pgbenchOutput) is { Success: true } f ? long.Parse(f.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new ReferenceResult(Number(TpsPattern()), Number(LatencyPattern()), (long)Number(ProcessedPattern()), failed);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyPattern();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex ProcessedPattern();

    [GeneratedRegex(@"number of failed transactions: ([0-9]+)")]
    private static partial Regex FailedPattern();
}
