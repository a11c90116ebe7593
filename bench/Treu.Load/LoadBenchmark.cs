using System.Globalization;
using Treu.Testing;

namespace Treu.Load;

/// <summary>Everything one run measured.</summary>
public sealed record LoadReport(
    LoadOptions Options,
    string Setup,
    Measurements Population,
    TimeSpan PopulationTime,
    int Enrolled,
    int Funded,
    Measurements Mix,
    TimeSpan MixTime,
    ReferenceResult? Reference,
    double? PeakMemoryMb,
    double MaxRssDuringMixMb,
    TimeSpan? ServerCpu,
    TimeSpan GeneratorCpu,
    bool? LedgerVerified)
{
    /// <summary>Server CPU time per request of the mix, in milliseconds.</summary>
    public double? ServerCpuPerRequestMs => ServerCpu is { } cpu ? cpu.TotalMilliseconds / Math.Max(1, Mix.All.Sum(s => s.Count)) : null;

    public OpStats Purchases => OpStats.Combine(Mix[Op.Earn], Mix[Op.Redeem]);

    /// <summary>Successful purchases (earn and redeem) per second of the measured phase.</summary>
    public double PurchasesPerSecond => Purchases.Ok / MixTime.TotalSeconds;

    public double? Ratio => Reference is { Tps: > 0 } r ? PurchasesPerSecond / r.Tps : null;

    /// <summary>Errors anywhere: population, mix, and a ledger that does not verify.</summary>
    public long Errors => Population.Errors + Mix.Errors + (LedgerVerified == false ? 1 : 0);

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"purchases/s {PurchasesPerSecond:F0}; reference tps {(Reference is { } r ? r.Tps.ToString("F0", CultureInfo.InvariantCulture) : "n/a")}; "
        + $"ratio {(Ratio is { } x ? x.ToString("F2", CultureInfo.InvariantCulture) : "n/a")}; p99 ms {Purchases.Percentile(99):F1}; errors {Errors}; "
        + $"rss MB {(PeakMemoryMb is { } m ? m.ToString("F0", CultureInfo.InvariantCulture) : "n/a")}");
}

/// <summary>One run: database, server, population, warm-up, the measured mix, the ledger audit and the pgbench reference.</summary>
public static class LoadBenchmark
{
    public static async Task<LoadReport> RunAsync(LoadOptions options)
    {
        var o = options.Out;
        o.WriteLine(Machine.Describe());
        PostgresCluster? cluster = null;
        PostgresDatabase? database = null;
        ServerProcess? server = null;
        string? sqliteDir = null;
        var keepLog = true;
        try
        {
            var settings = new Dictionary<string, string> { ["Treu__Demo__Seed"] = "true" };
            string setup;
            switch (options.Database)
            {
                case Database.Postgres:
                    o.WriteLine("Starting a throwaway PostgreSQL 15 cluster (fsync on, synchronous_commit on, shared_buffers 256MB) …");
                    if (PostgresCluster.Unavailable() is { } why)
                    {
                        throw new InvalidOperationException($"{why} Use --sqlite or --pg.");
                    }

                    cluster = await PostgresCluster.StartAsync();
                    database = await PostgresDatabase.CreateAsync(cluster.ServerConnectionString, PostgresDatabase.UniqueName("treu_load"));
                    setup = $"PostgreSQL 15, throwaway cluster on port {cluster.Port}, shared memory in " + cluster.HugePages switch
                    {
                        true => "2 MB huge pages",
                        false => "4 kB pages (the kernel had too few huge pages reserved: see docs/load-benchmark.md)",
                        null => "pages of unknown size",
                    };
                    break;
                case Database.ExistingPostgres:
                    database = await PostgresDatabase.CreateAsync(options.PostgresServer!, PostgresDatabase.UniqueName("treu_load"));
                    setup = $"PostgreSQL at {database.Parts.Host}:{database.Parts.Port}, database {database.Name}";
                    break;
                case Database.Sqlite:
                    sqliteDir = Directory.CreateTempSubdirectory("treu-load-sqlite.").FullName;
                    settings["Treu__Database__Provider"] = "sqlite";
                    settings["Treu__Database__SqlitePath"] = Path.Combine(sqliteDir, "treu.db");
                    setup = "SQLite (WAL, temp file)";
                    break;
                default:
                    setup = $"server at {options.Url}";
                    break;
            }

            if (database is not null)
            {
                settings["Treu__Database__Provider"] = "postgresql";
                settings["Treu__Database__ConnectionString"] = database.ConnectionString;
            }

            Uri url;
            int? pid;
            if (options.Database == Database.External)
            {
                (url, pid) = (options.Url!, options.ServerPid);
            }
            else
            {
                var dll = options.ServerDll ?? ServerProcess.BuiltDll();
                var log = Path.Combine(Path.GetTempPath(), $"treu-load-server-{Guid.NewGuid().ToString("n")[..8]}.log");
                o.WriteLine($"Starting the server: dotnet {dll} (log: {log}) …");
                server = await ServerProcess.StartAsync(dll, settings, log);
                (url, pid) = (server.Url, server.Pid);
            }

            var connections = Math.Max(options.LoadConcurrency, options.Rate is null ? options.Clients : options.MaxInFlight);
            using var shop = new Shop(url, connections, options.Seed);

            o.WriteLine($"Enrolling {options.Members:N0} members through the API ({options.LoadConcurrency} at once), {options.FundedShare:P0} of them with opening points …");
            var population = new Measurements();
            var populationCpu = ProcessMonitor.CpuOf(pid);
            var populationTime = await Drivers.EnrolPopulationAsync(shop, options.Members, options.FundedShare, options.LoadConcurrency, population, o, options.Seed, options.Stop);
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {shop.Population.Length:N0} members ({shop.Funded.Length:N0} with opening points) in {populationTime.TotalSeconds:F1} s "
                + $"({shop.Population.Length / populationTime.TotalSeconds:N0} members/s)"));
            populationCpu = ProcessMonitor.CpuOf(pid) - populationCpu;
            if (populationCpu is { } cpu)
            {
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  server CPU {cpu.TotalSeconds:F1} s ({cpu.TotalMilliseconds / Math.Max(1, population.All.Sum(s => s.Count)):F2} ms per request); {Machine.Load()}"));
            }

            if (shop.Population.Length == 0)
            {
                throw new InvalidOperationException("No member could be enrolled: " + string.Join("; ", population.ErrorKinds.Select(e => $"{e.Key} ×{e.Value}")));
            }

            // A checkpoint keeps the measured phases comparable; the smoke measures nothing, and on a shared test
            // cluster a checkpoint would flush every other test's pages too.
            if (database is not null && !options.Smoke)
            {
                await database.CheckpointAsync();
            }

            var drive = options.Rate is { } rate
                ? (Func<TimeSpan, Measurements?, Task<TimeSpan>>)((d, m) => Drivers.OpenLoopAsync(shop, rate, options.MaxInFlight, d, m, options.Seed + 1000, options.Stop))
                : (d, m) => Drivers.ClosedLoopAsync(shop, options.Clients, d, m, options.Seed + 1000, tour: options.Smoke, options.Stop);
            var how = options.Rate is { } r ? $"open loop at {r:N0} purchases/s" : $"closed loop, {options.Clients} clients";
            if (options.Warmup > TimeSpan.Zero)
            {
                o.WriteLine($"Warming up for {options.Warmup.TotalSeconds:N0} s ({how}, not measured) …");
                await drive(options.Warmup, null);
            }

            // A shop's database has statistics on its tables. This one is minutes old, and autovacuum analyzes a new table
            // only when it comes round (once a minute per database): until then PostgreSQL plans for empty tables, and
            // a look-up by e-mail may take any index that begins with the program.
            if (database is not null && !options.Smoke)
            {
                await database.AnalyzeAsync();
            }

            o.WriteLine($"Measuring for {options.Duration.TotalSeconds:N0} s ({how}) …");
            var mix = new Measurements();
            TimeSpan mixTime;
            var memory = new ProcessMonitor(pid);
            var serverCpu = ProcessMonitor.CpuOf(pid);
            var generatorCpu = Environment.CpuUsage.TotalTime;
            try
            {
                mixTime = await drive(options.Duration, mix);
            }
            finally
            {
                await memory.DisposeAsync();
            }

            var maxRss = memory.MaxRssMb;
            serverCpu = ProcessMonitor.CpuOf(pid) - serverCpu;
            generatorCpu = Environment.CpuUsage.TotalTime - generatorCpu;
            o.WriteLine($"  done; {Machine.Load()}");
            var peak = ProcessMonitor.PeakOf(pid);
            bool? verified = null;
            if (options.Verify)
            {
                o.WriteLine("Auditing every balance and hash chain (GET /v1/admin/ledger/verify) …");
                verified = await new Till(shop, 0).VerifyLedgerAsync();
            }

            ReferenceResult? reference = null;
            if (options.Reference && database is not null && !options.Stop.IsCancellationRequested)
            {
                var duration = options.ReferenceDuration ?? options.Duration;
                o.WriteLine($"Reference: pgbench earn transaction, {options.Clients} clients, {duration.TotalSeconds:N0} s …");
                reference = await Reference.RunAsync(database, options.Clients, duration, checkpoint: !options.Smoke);
            }

            var report = new LoadReport(options, $"{setup}; {how}", population, populationTime, shop.Population.Length, shop.Funded.Length,
                mix, mixTime, reference, peak, maxRss, serverCpu, generatorCpu, verified);
            keepLog = report.Errors > 0;
            if (server is not null && keepLog)
            {
                o.WriteLine($"The server's log is kept for the errors: {server.LogPath}");
            }

            return report;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
                if (!keepLog)
                {
                    File.Delete(server.LogPath);
                }
            }

            if (database is not null)
            {
                await database.DisposeAsync();
            }

            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            if (sqliteDir is not null)
            {
                Directory.Delete(sqliteDir, recursive: true);
            }
        }
    }
}

/// <summary>The machine, as the report records it: figures from noisy shared machines only compare side by side.</summary>
public static class Machine
{
    public static string Describe()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo")
            ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            : null;
        var gib = memory is null
            ? "?"
            : (long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024)
                .ToString("F0", CultureInfo.InvariantCulture);
        return $"Machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {gib} GiB, .NET {Environment.Version}; {Load()}";
    }

    /// <summary>Other work on the machine skews every figure; the report says how busy it was.</summary>
    public static string Load() => File.Exists("/proc/loadavg")
        ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))
        : "load average unknown";
}
