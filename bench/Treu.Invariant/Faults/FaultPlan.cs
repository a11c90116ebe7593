using System.Diagnostics;
using Npgsql;
using Treu.Testing;

namespace Treu.Invariant.Faults;

public enum FaultKind
{
    /// <summary>kill -9 of one server process, then a restart.</summary>
    KillNode,

    /// <summary>pg_ctl restart -m immediate: PostgreSQL crashes and recovers from its WAL.</summary>
    RestartDatabase,
}

public sealed record PlannedFault(TimeSpan At, FaultKind Kind, int Node, TimeSpan Downtime);

public sealed record InjectedFault(TimeSpan At, string What, TimeSpan Took, DateTime StartedUtc, DateTime EndedUtc);

/// <summary>
/// The faults of a run, all decided by the seed before it starts: when, which kind, which node, how long it stays down.
/// At least one node crash and one database crash in every run.
/// </summary>
public static class FaultPlan
{
    public static IReadOnlyList<PlannedFault> For(int seed, TimeSpan duration, int nodes)
    {
        var rng = new Random(HashCode.Combine(seed, "faults"));
        var count = Math.Max(2, (int)(duration.TotalSeconds / 25));
        var faults = new List<PlannedFault>();
        for (var i = 0; i < count; i++)
        {
            // Spread over the middle of the run, one per slot, so every fault has load before and after it.
            var slot = duration * 0.8 / count;
            var at = duration * 0.1 + slot * i + slot * (0.2 + 0.5 * rng.NextDouble());
            var kind = i switch
            {
                0 => FaultKind.KillNode,
                1 => FaultKind.RestartDatabase,
                _ => rng.Next(3) == 0 ? FaultKind.RestartDatabase : FaultKind.KillNode,
            };
            faults.Add(new PlannedFault(at, kind, rng.Next(nodes), TimeSpan.FromMilliseconds(rng.Next(300, 2500))));
        }

        return faults;
    }
}

/// <summary>Carries out the plan against the live processes, and keeps a record of what it did.</summary>
public sealed class FaultInjector(IReadOnlyList<PlannedFault> plan, PostgresCluster database, IReadOnlyList<ServerProcess> nodes, Action<string> say)
{
    public List<InjectedFault> Injected { get; } = [];

    public async Task RunAsync(Stopwatch clock, CancellationToken stop)
    {
        foreach (var fault in plan)
        {
            var wait = fault.At - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                // The fault's time in the plan: the schedule is part of what the seed decides.
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            var started = clock.Elapsed;
            var startedUtc = DateTime.UtcNow;
            string what;
            if (fault.Kind == FaultKind.KillNode)
            {
                var node = nodes[fault.Node];
                await node.KillAsync();
                say($"[{started:mm\\:ss}] kill -9 {node.Name}; down for {fault.Downtime.TotalMilliseconds:0} ms");
                await Task.Delay(fault.Downtime, CancellationToken.None); // the node stays down as long as planned: the fault itself
                await node.StartAsync(InvariantRun.NodeReadyWithin, CancellationToken.None);
                what = $"kill -9 {node.Name}, restarted (ready {node.StartTook.TotalSeconds:0.0} s after its start)";
            }
            else
            {
                say($"[{started:mm\\:ss}] PostgreSQL: immediate restart");
                await database.RestartImmediatelyAsync(CancellationToken.None);
                what = "PostgreSQL immediate restart";
            }

            Injected.Add(new InjectedFault(started, what, clock.Elapsed - started, startedUtc, DateTime.UtcNow));
            say($"[{clock.Elapsed:mm\\:ss}] {what}: back after {(clock.Elapsed - started).TotalSeconds:0.0} s");
        }
    }
}

/// <summary>
/// The server uses the system clock, and points expire months after they were earned. To make the expiry jobs of both
/// nodes race against spending during a run of minutes, this moves the expiry date of a few available lots into the
/// past now and then: the database then looks as it would once that time had passed. The hash chain does not cover a
/// lot's date (entries are not touched), so the ledger stays verifiable.
/// </summary>
public sealed class LotAger(string connectionString, int seed)
{
    private readonly Random _rng = new(HashCode.Combine(seed, "ageing"));

    public int LotsAged { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_rng.Next(1500, 4000), stop); // a few lots now and then: the pace of ageing, not a wait
                await using var conn = new NpgsqlConnection(connectionString);
                await conn.OpenAsync(stop);
                await using var age = new NpgsqlCommand(
                    """
                    UPDATE lots SET expires_at = now() - interval '1 second'
                    WHERE id IN (SELECT id FROM lots WHERE state = 'Available' AND remaining > 0 AND (expires_at IS NULL OR expires_at > now())
                                 ORDER BY md5(id || @salt) LIMIT @n)
                    """, conn);
                age.Parameters.AddWithValue("salt", _rng.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
                age.Parameters.AddWithValue("n", _rng.Next(1, 6));
                LotsAged += await age.ExecuteNonQueryAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (NpgsqlException)
            {
                // The database is restarting: try again at the next turn.
            }
        }
    }
}
