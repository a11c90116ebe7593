using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Treu.Invariant.Checks;
using Treu.Invariant.Faults;
using Treu.Invariant.Workload;
using Treu.Testing;

namespace Treu.Invariant;

/// <param name="Seed">Decides the operations, their chaos and the fault plan.</param>
/// <param name="Duration">How long the clients run (setup and checks come on top).</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Members">Members enrolled before the run; the clients enrol more.</param>
public sealed record InvariantSettings(int Seed, TimeSpan Duration, int Clients, int Members)
{
    /// <summary>The CI version: about a minute in all, a small population, one node crash and one database crash.</summary>
    public static InvariantSettings Short(int seed) => new(seed, TimeSpan.FromSeconds(30), 8, 16);

    public ChaosSettings Chaos { get; init; } = new(DisconnectRate: 0.04, TimeoutRate: 0.08, ConcurrentDuplicateRate: 0.05, ResendAfterAckRate: 0.08);

    public string ReplayCommand =>
        $"dotnet run -c Release --project bench/Treu.Invariant -- --seed {Seed} --seconds {Duration.TotalSeconds:0} --clients {Clients} --members {Members}";
}

public sealed record InvariantResult(InvariantSettings Settings, IReadOnlyList<CheckResult> Checks, string Report)
{
    public IEnumerable<string> Violations => Checks.SelectMany(c => c.Violations.Select(v => $"{c.Name}: {v}"));

    public bool Passed => Checks.All(c => c.Passed);
}

/// <summary>
/// The bank-style invariant test: a throwaway PostgreSQL, two real server processes on it, concurrent clients under
/// chaos, a node crash and a database crash; then every invariant checked against what the clients were told.
/// </summary>
public static class InvariantRun
{
    public const string EventType = "review_written";

    public static async Task<InvariantResult> RunAsync(InvariantSettings settings, Action<string> say, CancellationToken ct = default)
    {
        var serverDll = ServerProcess.BuiltDll();
        var adminKey = "treu_invariant_admin_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var logDir = Directory.CreateTempSubdirectory("treu-invariant-logs-").FullName;
        say($"Invariant run: seed {settings.Seed}, {settings.Duration.TotalSeconds:0} s, {settings.Clients} clients, {settings.Members} members; server {serverDll}");
        await using var cluster = await PostgresCluster.StartAsync(sharedBuffers: "64MB", ct);
        var database = await Database.CreateAsync(cluster, ct);
        var nodes = new[] { "node-a", "node-b" }
            .Select(n => new ServerProcess(serverDll, NodeEnvironment(database.ConnectionString, adminKey), Path.Combine(logDir, $"{n}.log"), n)).ToArray();

        // A runner stopped from outside (SIGTERM, a test host shutting down) still removes its servers and its cluster.
        EventHandler cleanUp = (_, _) =>
        {
            foreach (var node in nodes)
            {
                node.KillAsync().GetAwaiter().GetResult();
            }

            cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
        };
        AppDomain.CurrentDomain.ProcessExit += cleanUp;
        try
        {
            // One node first: it applies the migrations, so the second does not race it on an empty database.
            await nodes[0].StartAsync(NodeReadyWithin, ct);
            await nodes[1].StartAsync(NodeReadyWithin, ct);
            say($"Nodes ready: {string.Join(", ", nodes.Select(n => $"{n.Name} on port {n.Port} after {n.StartTook.TotalSeconds:0.0} s"))}");
            using var clientsA = new NodeClient(nodes[0].Name, nodes[0].Url);
            using var clientsB = new NodeClient(nodes[1].Name, nodes[1].Url);
            NodeClient[] http = [clientsA, clientsB];
            var population = await SetUpAsync(settings, http, adminKey, ct);
            var setupOps = population.SetupOperations;
            say($"Set up: {population.Population.Members.Count} members with points; program: 1 pending day, clamp_to_zero, event rule '{EventType}'");

            var stats = new ClientStats();
            var clients = Enumerable.Range(1, settings.Clients).Select(i => new Client(i, settings.Seed, http, population.Population, stats, settings.Chaos)).ToArray();
            var plan = FaultPlan.For(settings.Seed, settings.Duration, nodes.Length);
            var injector = new FaultInjector(plan, cluster, nodes, say);
            var ager = new LotAger(database.UnpooledConnectionString, settings.Seed);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var clock = Stopwatch.StartNew();
            var faults = injector.RunAsync(clock, ct);
            var ageing = ager.RunAsync(stop.Token);
            var work = clients.Select(c => Task.Run(() => c.RunAsync(stop.Token, abort.Token), CancellationToken.None)).ToArray();

            // The load goes on until the time is up and every planned fault is over (a restart can take a while on a busy
            // machine), and three seconds longer, so that the last recovery is also tested under load: the delays are how
            // long the load runs, not waits for something to happen.
            await Task.WhenAll(Task.Delay(settings.Duration, ct), faults);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            await stop.CancelAsync();
            await ageing;
            await WaitBoundedAsync(work, TimeSpan.FromSeconds(60), abort);
            var ran = clock.Elapsed;
            say($"Clients stopped after {ran.TotalSeconds:0.0} s");

            // The jobs once more, on both nodes at the same moment, so every lot due by now is handled, and raced.
            var jobsRanAt = await RunJobsEverywhereAsync(http, adminKey, ct);
            var operations = setupOps.Concat(clients.SelectMany(c => c.History)).ToList();
            var checks = new List<CheckResult>
            {
                await VerifyOverApiAsync(http, adminKey, ct),
                await VerifyByCommandAsync(serverDll, database.ConnectionString, adminKey, ct),
            };
            checks.AddRange(await new Checker(database.UnpooledConnectionString).CheckAsync(operations, jobsRanAt, ct));
            checks.Add(new CheckResult("deliberate duplicates replay the first answer byte for byte",
                $"{stats.ReplaysCompared} pairs of answers compared ({stats.ConcurrentDuplicates} sent to both nodes at once)", stats.ReplayMismatches));

            var report = Report(settings, operations, injector.Injected, ager.LotsAged, ran, checks, logDir);
            return new InvariantResult(settings, checks, report);
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= cleanUp;
            foreach (var node in nodes)
            {
                await node.KillAsync();
            }
        }
    }

    /// <summary>A node that has just come up takes the retries of every client at once: on a busy machine it is slow to be ready.</summary>
    public static readonly TimeSpan NodeReadyWithin = TimeSpan.FromSeconds(180);

    /// <summary>
    /// How both nodes (and the operator's command) are configured: the background jobs on, ticking every two seconds,
    /// so that the two nodes race on them throughout the run.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NodeEnvironment(string connectionString, string adminKey) => new Dictionary<string, string>
    {
        ["Treu__Database__Provider"] = "postgresql",
        ["Treu__Database__ConnectionString"] = connectionString,
        ["Treu__Demo__Seed"] = "false",
        ["Treu__Bootstrap__AdminApiKey"] = adminKey,
        ["Treu__Jobs__Enabled"] = "true",
        ["Treu__Jobs__Interval"] = "00:00:02",
        ["Treu__Jobs__BatchSize"] = "50",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.EntityFrameworkCore"] = "None",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_gcServer"] = "0",
    };

    /// <summary>The run's one database on the throwaway cluster.</summary>
    private sealed record Database(string ConnectionString)
    {
        /// <summary>For the run's own look-ups: no pool, so no connection broken by a database restart is handed out again.</summary>
        public string UnpooledConnectionString => ConnectionString + ";Pooling=false";

        public static async Task<Database> CreateAsync(PostgresCluster cluster, CancellationToken ct)
        {
            var created = await PostgresDatabase.CreateAsync(cluster.ServerConnectionString, "treu", ct: ct);
            return new Database(new Npgsql.NpgsqlConnectionStringBuilder(created.ConnectionString) { MaxPoolSize = 60, Timeout = 5, CommandTimeout = 30 }.ConnectionString);
        }
    }

    private sealed record SetUp(Population Population, List<Operation> SetupOperations);

    private static async Task<SetUp> SetUpAsync(InvariantSettings settings, NodeClient[] http, string adminKey, CancellationToken ct)
    {
        var node = http[0];
        await Expect(node, HttpMethod.Patch, "/v1/admin/program", adminKey,
            """{"pendingDays": 1, "expiryMonths": 12, "minRedemptionPoints": 1, "maxRedemptionShare": 1, "returnPolicy": "clamp_to_zero"}""", ct);
        var pos = await Expect(node, HttpMethod.Post, "/v1/admin/api-keys", adminKey, """{"name": "Invariant till", "scope": "pos"}""", ct);
        var posKey = JsonDocument.Parse(pos).RootElement.GetProperty("key").GetString()!;
        await Expect(node, HttpMethod.Post, "/v1/admin/rules", adminKey,
            $$$"""{"id": "review_bonus", "definition": {"name": "10 points per review", "trigger": "event", "eventType": "{{{EventType}}}","""
            + """ "effects": [{"type": "bonus", "points": 10}]}}""", ct);
        await Expect(node, HttpMethod.Post, "/v1/admin/rules/review_bonus/activate", adminKey, null, ct);

        // Setup goes through the same idempotent path as the run, without chaos, and is checked like everything else.
        var setup = new Client(0, settings.Seed, http, new Population(posKey, adminKey, []), new ClientStats(), new ChaosSettings(0, 0, 0, 0));
        var ops = new List<Operation>();
        var members = new List<string>();
        for (var i = 1; i <= settings.Members; i++)
        {
            var enrol = Client.EnrolOperation($"inv-{settings.Seed}-setup-m{i}", posKey);
            await setup.ExecuteAsync(enrol, ct, calm: true);
            var id = enrol.AckedId ?? throw new InvalidOperationException($"Setup could not enrol a member: {enrol.Attempts.LastOrDefault()}");
            var credit = Client.AdjustOperation($"inv-{settings.Seed}-setup-a{i}", adminKey, id, 1000);
            await setup.ExecuteAsync(credit, ct, calm: true);
            ops.Add(enrol);
            ops.Add(credit);
            members.Add(id);
        }

        return new SetUp(new Population(posKey, adminKey, members), ops);
    }

    private static async Task<string> Expect(NodeClient node, HttpMethod method, string path, string key, string? body, CancellationToken ct)
    {
        var (status, text) = await node.SendAsync(method, path, key, body, TimeSpan.FromSeconds(30), ct);
        return status is >= 200 and < 300 ? text : throw new InvalidOperationException($"{method} {path} answered {status}: {text}");
    }

    private static async Task WaitBoundedAsync(Task[] work, TimeSpan limit, CancellationTokenSource abort)
    {
        var all = Task.WhenAll(work);
        try
        {
            await all.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            // Operations still retrying after the limit end as "no answer": that is what their clients would know.
            await abort.CancelAsync();
            await all;
        }
    }

    private static async Task<DateTime> RunJobsEverywhereAsync(NodeClient[] http, string adminKey, CancellationToken ct)
    {
        var before = DateTime.UtcNow;
        foreach (var job in new[] { "activation", "expiry" })
        {
            await Task.WhenAll(http.Select(n => Expect(n, HttpMethod.Post, $"/v1/admin/jobs/{job}/run", adminKey, null, ct)));
        }

        return before;
    }

    private static async Task<CheckResult> VerifyOverApiAsync(NodeClient[] http, string adminKey, CancellationToken ct)
    {
        var text = await Expect(http[1], HttpMethod.Get, "/v1/admin/ledger/verify", adminKey, null, ct);
        var report = JsonDocument.Parse(text).RootElement;
        var mismatches = report.GetProperty("mismatches").EnumerateArray()
            .Select(m => $"member {m.GetProperty("memberId").GetString()} entry {m.GetProperty("seq")}: {m.GetProperty("problem").GetString()}").ToList();
        if (!report.GetProperty("ok").GetBoolean() && mismatches.Count == 0)
        {
            mismatches.Add("verification reported not ok");
        }

        return new CheckResult("ledger verification (GET /v1/admin/ledger/verify): balances equal the sum of entries, hash chains intact",
            $"{report.GetProperty("membersChecked")} members, {report.GetProperty("entriesChecked")} entries, {mismatches.Count} mismatches", mismatches);
    }

    private static async Task<CheckResult> VerifyByCommandAsync(string serverDll, string connectionString, string adminKey, CancellationToken ct)
    {
        var environment = new Dictionary<string, string>(NodeEnvironment(connectionString, adminKey)) { ["NO_COLOR"] = "1" };
        var (exitCode, output) = await Command.ExecuteAsync("dotnet", [serverDll, "ledger", "verify"], environment: environment, ct: ct);
        var text = output.Trim();
        var summary = text.Split('\n').FirstOrDefault(l => l.StartsWith("Checked", StringComparison.Ordinal))?.Trim() ?? text;
        return new CheckResult("treu ledger verify (the operator's command)", $"exit code {exitCode}: {summary}",
            exitCode == 0 ? [] : [text]);
    }

    private static string Report(InvariantSettings settings, List<Operation> operations, List<InjectedFault> faults, int lotsAged, TimeSpan ran,
        List<CheckResult> checks, string logDir)
    {
        var s = new StringBuilder();
        var attempts = operations.SelectMany(o => o.Attempts).ToList();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Treu invariant run — seed {settings.Seed}, {ran.TotalSeconds:0} s of load, {settings.Clients} clients, 2 server nodes, 1 PostgreSQL");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Operations: {operations.Count} ({attempts.Count} requests, {operations.Count / Math.Max(ran.TotalSeconds, 1):0} operations/s)");
        s.AppendLine("  kind        acked  refused  no answer");
        foreach (var kind in Enum.GetValues<OpKind>())
        {
            var ofKind = operations.Where(o => o.Kind == kind).ToList();
            s.AppendLine(CultureInfo.InvariantCulture,
                $"  {kind,-10} {ofKind.Count(o => o.Verdict == Verdict.Acked),6} {ofKind.Count(o => o.Verdict == Verdict.Refused),8} "
                + $"{ofKind.Count(o => o.Verdict == Verdict.Unknown),10}");
        }

        var refusals = operations.Where(o => o.Verdict == Verdict.Refused).GroupBy(o => o.Attempts.LastOrDefault()?.Code ?? "never delivered")
            .OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}");
        s.AppendLine($"  refusals: {string.Join(", ", refusals)}");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Client chaos: {attempts.Count(a => a.Chaos.StartsWith("timeout", StringComparison.Ordinal))} time-outs, "
            + $"{attempts.Count(a => a.Chaos.StartsWith("disconnect", StringComparison.Ordinal))} disconnects after sending, "
            + $"{attempts.Count(a => a.Result == AttemptResult.NoAnswer)} requests without answer, {attempts.Count(a => a.Result == AttemptResult.ServerError)} 5xx, "
            + $"{attempts.Count(a => a.Result == AttemptResult.NotDelivered)} refused connections, "
            + $"{attempts.Count(a => a is { Status: 409 })} 409 (retried), {attempts.Count(a => a.Replayed)} replayed answers, "
            + $"{operations.Count(o => o.Attempts.Count > 1)} operations retried");
        // A 5xx while a node or the database is down is an honest answer; one outside those windows (a little grace after) is a bug.
        var serverErrors = attempts.Where(a => a.Result == AttemptResult.ServerError).ToList();
        var outside = serverErrors.Where(a => !faults.Any(f => a.At >= f.StartedUtc && a.At <= f.EndedUtc.AddSeconds(5))).ToList();
        s.AppendLine(CultureInfo.InvariantCulture,
            $"5xx answers: {serverErrors.Count} ({string.Join(", ", serverErrors.GroupBy(a => $"{a.Status} {a.Code}").Select(g => $"{g.Key} ×{g.Count()}"))}), "
            + $"{outside.Count} of them outside a fault window");
        s.AppendLine(CultureInfo.InvariantCulture,
            $"Faults injected: {faults.Count} ({string.Join("; ", faults.Select(f => $"{f.At:mm\\:ss} {f.What} ({f.Took.TotalSeconds:0.0} s)"))}); "
            + $"{lotsAged} lots aged past their expiry date");
        s.AppendLine("Checks:");
        foreach (var check in checks)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  [{(check.Passed ? "ok" : "FAILED")}] {check.Name}: {check.Figures}");
            foreach (var v in check.Violations.Take(20))
            {
                s.AppendLine($"         - {v}");
            }
        }

        var violations = checks.Sum(c => c.Violations.Count);
        s.AppendLine(CultureInfo.InvariantCulture, $"Violations: {violations}");
        if (violations > 0)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"Replay with: {settings.ReplayCommand}   (server logs: {logDir})");
        }
        else
        {
            try
            {
                Directory.Delete(logDir, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return s.ToString();
    }
}
