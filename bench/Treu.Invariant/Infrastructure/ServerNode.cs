using System.Diagnostics;
using System.Reflection;

namespace Treu.Invariant.Infrastructure;

/// <summary>
/// One real Treu server process (<c>dotnet treu.dll</c>) on a loopback port, configured by environment, with the
/// background jobs on and ticking every two seconds so that two nodes race on them throughout the run.
/// </summary>
public sealed class ServerNode(string name, string serverDll, string connectionString, string adminKey, string logDir) : IAsyncDisposable
{
    private const int StartLimitSeconds = 180;
    private Process? _process;
    private StreamWriter? _log;

    public string Name { get; } = name;
    public int Port { get; } = PostgresCluster.FreePort();
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");
    public int Starts { get; private set; }

    /// <summary>From process start to a ready answer, the last time.</summary>
    public TimeSpan StartTook { get; private set; }

    public static IReadOnlyDictionary<string, string> Environment(string connectionString, string adminKey) => new Dictionary<string, string>
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

    public async Task StartAsync(HttpClient probe, CancellationToken ct)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        Starts++;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(serverDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{Port}");
        foreach (var (key, value) in Environment(connectionString, adminKey))
        {
            start.Environment[key] = value;
        }

        var log = new StreamWriter(Path.Combine(logDir, $"{Name}.log"), append: true) { AutoFlush = true };
        _log = log;
        await log.WriteLineAsync($"---- start {Starts} at {DateTime.UtcNow:O}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {serverDll}");
        _process = process;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow.AddSeconds(StartLimitSeconds);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting; see {Path.Combine(logDir, $"{Name}.log")}");
            }

            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                // A node that has just come up takes the retries of every client at once: on a busy machine it answers slowly.
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                using var ready = await probe.GetAsync(new Uri(BaseAddress, "health/ready"), timeout.Token);
                if (ready.IsSuccessStatusCode)
                {
                    StartTook = started.Elapsed;
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(100, ct);
        }

        throw new TimeoutException($"{Name} did not become ready within {StartLimitSeconds} s; see {Path.Combine(logDir, $"{Name}.log")}");
    }

    /// <summary>kill -9: no shutdown, no draining of requests in flight.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
        if (_log is { } log)
        {
            lock (log)
            {
                log.Dispose();
            }

            _log = null;
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    /// <summary>The server built next to this runner, in the same configuration (Release or Debug).</summary>
    public static string FindServerDll()
    {
        if (System.Environment.GetEnvironmentVariable("TREU_SERVER_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var configuration = typeof(ServerNode).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Treu.slnx")))
            {
                var bin = Path.Combine(dir.FullName, "src", "Treu.Server", "bin");
                var preferred = Path.Combine(bin, configuration, "net10.0", "treu.dll");
                if (File.Exists(preferred))
                {
                    return preferred;
                }

                var any = Directory.Exists(bin) ? Directory.GetFiles(bin, "treu.dll", SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
                return any ?? throw new FileNotFoundException($"No built server under {bin}: run dotnet build first, or set TREU_SERVER_DLL.");
            }
        }

        throw new FileNotFoundException("Could not find the repository (Treu.slnx) above " + AppContext.BaseDirectory + "; set TREU_SERVER_DLL.");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
