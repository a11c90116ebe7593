using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Treu.Load;

/// <summary>Starting and ending the processes the benchmark needs; each one is ended by its own id.</summary>
public static class Processes
{
    public static readonly string PgBin = Environment.GetEnvironmentVariable("PGBIN") ?? "/usr/lib/postgresql/15/bin";

    public static bool IsRoot => Environment.UserName == "root";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs a command to its end; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, bool asPostgres = false,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var start = Start(file, args, asPostgres, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}):\n{output}");
    }

    public static ProcessStartInfo Start(string file, IEnumerable<string> args, bool asPostgres = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        // initdb and postgres refuse to run as root; the Debian package's postgres user runs them.
        var start = asPostgres && IsRoot ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } } : new ProcessStartInfo(file);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return start;
    }
}

/// <summary>
/// A PostgreSQL 15 cluster in a temp dir on a free port, removed afterwards; durability on (fsync, synchronous_commit),
/// as the goals ask: an acknowledged purchase survives a crash.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _dir;

    private ThrowawayPostgres(string dir, int port)
    {
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(Processes.PgBin, "initdb")))
        {
            throw new InvalidOperationException($"No PostgreSQL server binaries in {Processes.PgBin} (Debian package postgresql-15); use --sqlite or --pg.");
        }

        var dir = Directory.CreateTempSubdirectory("treu-load-pg.").FullName;
        await Processes.RunAsync("chmod", ["755", dir]); // the postgres user must reach its data dir
        if (Processes.IsRoot)
        {
            await Processes.RunAsync("chown", ["postgres", dir]);
        }

        var port = Processes.FreePort();
        var cluster = new ThrowawayPostgres(dir, port);
        try
        {
            await Processes.RunAsync(Path.Combine(Processes.PgBin, "initdb"), ["-D", $"{dir}/data", "-A", "trust", "-U", "postgres", "--no-sync"], asPostgres: true);
            await Processes.RunAsync(Path.Combine(Processes.PgBin, "pg_ctl"),
            [
                "-D", $"{dir}/data", "-l", $"{dir}/server.log", "-w", "start", "-o",
                $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB -c fsync=on -c synchronous_commit=on",
            ], asPostgres: true);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        cluster.HugePages = UsesHugePages($"{dir}/data/postmaster.pid");
        return cluster;
    }

    /// <summary>
    /// Whether the cluster's shared memory is in huge pages (PostgreSQL takes them when the kernel has some reserved), or
    /// null when that cannot be told. Without them every backend maps the shared buffers it touches 4 kB at a time, and
    /// on a virtual machine whose page faults are dear that changes the figures a lot (docs/load-benchmark.md).
    /// </summary>
    public bool? HugePages { get; private set; }

    private static bool? UsesHugePages(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid)
                && ProcessMonitor.Read(pid, "HugetlbPages") is { } mb ? mb > 0 : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Processes.RunAsync(Path.Combine(Processes.PgBin, "pg_ctl"), ["-D", $"{_dir}/data", "-m", "immediate", "stop"], asPostgres: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone: nothing to stop.
        }

        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>A database of its own on a PostgreSQL server, dropped afterwards.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlConnectionStringBuilder Parts => new(ConnectionString);

    public static async Task<PostgresDatabase> CreateAsync(string server)
    {
        var database = new PostgresDatabase(server, "treu_load_" + Guid.NewGuid().ToString("n")[..10]);
        await database.ExecuteOnServerAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Gathers the planner's statistics on every table, as autovacuum does in time on a database in service.</summary>
    public Task AnalyzeAsync() => ExecuteAsync("ANALYZE");

    /// <summary>Flushes dirty pages now, so that a checkpoint does not land in the middle of a measured phase; needs a superuser.</summary>
    public async Task CheckpointAsync()
    {
        try
        {
            await ExecuteAsync("CHECKPOINT");
        }
        catch (PostgresException)
        {
        }
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}

/// <summary>The Treu server as a process of its own, configured through its environment; its output goes to a log file.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri url, string logPath)
    {
        _process = process;
        _log = log;
        Url = url;
        LogPath = logPath;
    }

    public Uri Url { get; }

    public int Pid => _process.Id;

    public string LogPath { get; }

    public static string DefaultDll() =>
        typeof(ServerProcess).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "TreuServerDll").Value!;

    public static async Task<ServerProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"No server build at {dll}: build it (dotnet build -c Release src/Treu.Server) or pass --server-dll.");
        }

        var port = Processes.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>(settings)
        {
            ["Urls"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["Treu__Demo__Seed"] = "true",
        };
        // A session of its own: Ctrl+C reaches the whole foreground process group, and the server must keep answering
        // until the benchmark has stopped sending and ends it. (setsid execs in place here, so the pid is the server's.)
        var start = Processes.Start("setsid", ["dotnet", dll], environment: environment);
        start.WorkingDirectory = Path.GetDirectoryName(dll)!; // where its appsettings.json is
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, url, logPath);
        try
        {
            await server.WaitUntilReadyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The server did not become ready within 120 s; see {LogPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM lets it finish requests in flight and close its database connections.
            await Processes.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }
}

/// <summary>The server's memory and CPU from /proc: peak resident set (VmHWM), the current one (VmRSS) sampled through a phase, CPU time.</summary>
public sealed class ProcessMonitor : IAsyncDisposable
{
    private readonly int? _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ProcessMonitor(int? pid)
    {
        _pid = pid;
        _sampling = pid is null ? Task.CompletedTask : SampleAsync();
    }

    /// <summary>The largest RSS seen while sampling, in MB.</summary>
    public double MaxRssMb { get; private set; }

    /// <summary>A process's peak RSS over its whole life so far (population load included), in MB; null when unknown.</summary>
    public static double? PeakOf(int? pid) => pid is { } p ? Read(p, "VmHWM") : null;

    /// <summary>
    /// CPU time (user + system) a process has used so far, from /proc/&lt;pid&gt;/stat; null when unknown. CPU per request is
    /// the figure a busy shared machine distorts least.
    /// </summary>
    public static TimeSpan? CpuOf(int? pid)
    {
        try
        {
            if (pid is not { } p)
            {
                return null;
            }

            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            var stat = File.ReadAllText($"/proc/{p}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            if (Read(_pid!.Value, "VmRSS") is { } rss)
            {
                MaxRssMb = Math.Max(MaxRssMb, rss);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
    }

    /// <summary>A field of a process's /proc/&lt;pid&gt;/status, in MB; null when the process or the field is not there.</summary>
    public static double? Read(int pid, string field)
    {
        try
        {
            return StatusKilobytes(File.ReadLines($"/proc/{pid}/status"), field) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A field of a /proc/&lt;pid&gt;/status text given in kB (<c>VmHWM:   81234 kB</c>); null when there is no such line.</summary>
    public static long? StatusKilobytes(IEnumerable<string> status, string field)
    {
        foreach (var line in status)
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
