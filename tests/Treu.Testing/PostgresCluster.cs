using System.Globalization;

namespace Treu.Testing;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: data directory and socket in a temp directory, a free loopback port, durability
/// on (fsync, synchronous_commit), as the suites and benchmarks claim that an acknowledged write survives a crash.
/// Removed when disposed, or when its process exits; one whose process was killed before it could remove it is removed
/// by the next start.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Prefix = "treu-postgres.";
    private const string OwnerFile = "owner.pid";
    private readonly string _dir;
    private readonly string _sharedBuffers;
    private readonly EventHandler _onExit;
    private int _disposed;

    private PostgresCluster(string dir, int port, string sharedBuffers)
    {
        _dir = dir;
        Port = port;
        _sharedBuffers = sharedBuffers;
        _onExit = (_, _) => DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    public static string BinDir => Environment.GetEnvironmentVariable("PGBIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Why a cluster cannot be started here, or null when it can.</summary>
    public static string? Unavailable() => File.Exists(Tool("initdb"))
        ? null
        : $"No PostgreSQL server binaries in {BinDir} (Debian package postgresql-15, or set PGBIN).";

    /// <summary>A PostgreSQL program (pgbench, psql …) of the installation the cluster runs on.</summary>
    public static string Tool(string name) => Path.Combine(BinDir, name);

    public int Port { get; }

    /// <summary>The superuser on the maintenance database, for creating and dropping databases.</summary>
    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    /// <summary>
    /// Whether the cluster's shared memory is in huge pages (PostgreSQL takes them when the kernel has some reserved), or
    /// null when that cannot be told. Without them every backend maps the shared buffers it touches 4 kB at a time, and
    /// on a virtual machine whose page faults are dear that changes the figures a lot (docs/load-benchmark.md).
    /// </summary>
    public bool? HugePages
    {
        get
        {
            try
            {
                return int.TryParse(File.ReadLines(Path.Combine(Data, "postmaster.pid")).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid)
                    && ProcessStatus.Read(pid, "HugetlbPages") is { } mb ? mb > 0 : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <param name="sharedBuffers">PostgreSQL's <c>shared_buffers</c>, e.g. <c>256MB</c>.</param>
    public static async Task<PostgresCluster> StartAsync(string sharedBuffers = "256MB", CancellationToken ct = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The throwaway cluster drives PostgreSQL's own tools (initdb, pg_ctl) the Unix way.");
        }

        if (Unavailable() is { } why)
        {
            throw new InvalidOperationException(why);
        }

        await RemoveOrphansAsync();
        var dir = Directory.CreateTempSubdirectory(Prefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
        // The postgres user must reach its data directory.
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (Command.IsRoot)
        {
            await Command.RunAsync("chown", ["postgres", dir], ct: ct);
        }

        var cluster = new PostgresCluster(dir, Ports.Free(), sharedBuffers);
        AppDomain.CurrentDomain.ProcessExit += cluster._onExit;
        try
        {
            await PgAsync("initdb", ["-D", cluster.Data, "-A", "trust", "-U", "postgres", "--no-sync"], ct);
            await PgAsync("pg_ctl", ["-D", cluster.Data, "-l", cluster.Log, "-w", "-t", "60", "-o", cluster.ServerOptions, "start"], ct);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A crash of the database: no shutdown checkpoint, recovery from the WAL on the way back up.</summary>
    public Task RestartImmediatelyAsync(CancellationToken ct) =>
        PgAsync("pg_ctl", ["-D", Data, "-l", Log, "-w", "-t", "60", "-m", "immediate", "-o", ServerOptions, "restart"], ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        await StopAndRemoveAsync(_dir);
    }

    private string Data => Path.Combine(_dir, "data");

    private string Log => Path.Combine(_dir, "server.log");

    private string ServerOptions =>
        $"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers={_sharedBuffers} -c fsync=on -c synchronous_commit=on";

    private static Task PgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) => Command.RunAsync(Tool(tool), args, asPostgres: true, ct: ct);

    private static async Task StopAndRemoveAsync(string dir)
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone: nothing to stop.
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Clusters left by processes that were killed before they could remove them (a test host ended by force).</summary>
    private static async Task RemoveOrphansAsync()
    {
        if (!Directory.Exists("/proc/self"))
        {
            return; // no way to tell a live owner from a dead one
        }

        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var owner = Path.Combine(dir, OwnerFile);
            if (File.Exists(owner) && int.TryParse(await File.ReadAllTextAsync(owner), CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                await StopAndRemoveAsync(dir);
            }
        }
    }
}
