using System.Globalization;

namespace Treu.Load;

/// <summary>Which database the server under load runs on.</summary>
public enum Database
{
    /// <summary>A throwaway PostgreSQL 15 cluster started by the benchmark.</summary>
    Postgres,

    /// <summary>A fresh database on a PostgreSQL server the caller names (<c>--pg</c>).</summary>
    ExistingPostgres,

    /// <summary>The embedded default, in a temp file.</summary>
    Sqlite,

    /// <summary>A server already running (<c>--url</c>); whatever database it has.</summary>
    External,
}

public sealed record LoadOptions
{
    public Database Database { get; init; } = Database.Postgres;

    /// <summary>An Npgsql connection string of a user that may create databases (<c>--pg</c>).</summary>
    public string? PostgresServer { get; init; }

    /// <summary>A running server to drive instead of starting one (<c>--url</c>).</summary>
    public Uri? Url { get; init; }

    /// <summary>The process id of the server behind <c>--url</c>, to read its memory.</summary>
    public int? ServerPid { get; init; }

    public string? ServerDll { get; init; }

    public int Members { get; init; } = 100_000;

    /// <summary>Share of the population given opening points by an admin adjustment, so that they can redeem.</summary>
    public double FundedShare { get; init; } = 0.2;

    public int LoadConcurrency { get; init; } = 64;

    public int Clients { get; init; } = 32;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Open loop: purchases (earn + redeem) per second, the rest of the mix in proportion; null for the closed loop.</summary>
    public double? Rate { get; init; }

    /// <summary>Requests in flight at most in the open loop; beyond it, waiting counts into the latency.</summary>
    public int MaxInFlight { get; init; } = 512;

    public bool Reference { get; init; } = true;

    public TimeSpan? ReferenceDuration { get; init; }

    public bool Verify { get; init; }

    public bool Smoke { get; init; }

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Ends the run early (Ctrl+C): the phase in progress stops, the report covers what ran, and everything started is cleaned up.</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Progress and results go here; the tests pass their own writer.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    public const string Usage = """
        Treu load benchmark: drives the real HTTP API of a Treu server with a till mix and measures it
        against pgbench on the same PostgreSQL.

        dotnet run -c Release --project bench/Treu.Load -- [options]

          --sqlite              run the server on SQLite (a temp file) instead of a throwaway PostgreSQL 15
          --pg CONNSTRING       use this PostgreSQL server (Npgsql form; a user that may create databases)
          --url URL             drive a running server (demo seed on) instead of starting one
          --server-pid PID      with --url: the server's process id, to read its peak memory
          --server-dll PATH     the server to start (default: the Treu.Server build beside this tool)
          --members N           population to enrol before the run (default 100000)
          --funded-share F      share of it given opening points, so that redemptions work (default 0.2)
          --load-concurrency N  concurrent requests while enrolling the population (default 64)
          --clients N           concurrent tills in the closed loop (default 32)
          --duration S          seconds of measured load (default 60)
          --warmup S            seconds of unmeasured load first (default 30)
          --rate R              open loop: R purchases/s (earn + redeem), the rest of the mix in proportion;
                                latency counts from the intended send time
          --max-in-flight N     open loop: requests in flight at most (default 512)
          --no-reference        skip the pgbench reference
          --reference-duration S  seconds of pgbench (default: --duration)
          --verify              audit every balance and hash chain at the end (GET /v1/admin/ledger/verify)
          --seed N              random seed for the mix and the baskets
          --smoke               a few seconds: 100 members, 4 clients, 3 s (and every kind of request at least once per
                                client), no warm-up, with --verify; exits non-zero on any error
        """;

    /// <summary>Reads the command line; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--smoke") ? SmokeDefaults() : new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            int Int(int min) => int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v : throw new ArgumentException($"{name} must be a whole number of at least {min}.");
            double Number(double min, double max) => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v : throw new ArgumentException($"{name} must be a number from {min} to {max}.");

            options = name switch
            {
                "--smoke" => options,
                "--sqlite" => options with { Database = Database.Sqlite },
                "--pg" => options with { Database = Database.ExistingPostgres, PostgresServer = Value() },
                "--url" => options with
                {
                    Database = Database.External,
                    Url = Uri.TryCreate(Value(), UriKind.Absolute, out var url) ? url : throw new ArgumentException("--url must be an absolute URL."),
                },
                "--server-pid" => options with { ServerPid = Int(1) },
                "--server-dll" => options with { ServerDll = Value() },
                "--members" => options with { Members = Int(1) },
                "--funded-share" => options with { FundedShare = Number(0.01, 1) },
                "--load-concurrency" => options with { LoadConcurrency = Int(1) },
                "--clients" => options with { Clients = Int(1) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Number(1, 86_400)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Number(0, 3_600)) },
                "--rate" => options with { Rate = Number(1, 1_000_000) },
                "--max-in-flight" => options with { MaxInFlight = Int(1) },
                "--no-reference" => options with { Reference = false },
                "--reference-duration" => options with { ReferenceDuration = TimeSpan.FromSeconds(Number(1, 86_400)) },
                "--verify" => options with { Verify = true },
                "--seed" => options with { Seed = Int(0) },
                _ => throw new ArgumentException($"Unknown option '{name}'. Try --help."),
            };
        }

        return options;
    }

    /// <summary>
    /// A few seconds that touch every operation, for CI: never a measurement. Each till first sends every kind of request
    /// once, however slow the machine, so the run covers them all.
    /// </summary>
    public static LoadOptions SmokeDefaults() => new()
    {
        Smoke = true,
        Members = 100,
        LoadConcurrency = 8,
        Clients = 4,
        Duration = TimeSpan.FromSeconds(3),
        Warmup = TimeSpan.Zero,
        ReferenceDuration = TimeSpan.FromSeconds(2),
        Verify = true,
    };
}
