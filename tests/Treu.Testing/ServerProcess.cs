using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Treu.Testing;

/// <summary>
/// A Treu server as a process of its own (<c>dotnet treu.dll</c>, from its own folder, as an operator runs it) on a
/// loopback port, configured by its environment; its output goes to a log file. It can be started again on the same
/// port after a stop or a kill, as a restarted node would be.
/// </summary>
public sealed class ServerProcess(string dll, IReadOnlyDictionary<string, string> environment, string logPath, string name = "server") : IAsyncDisposable
{
    private Process? _process;
    private StreamWriter? _log;

    public string Name { get; } = name;

    public int Port { get; } = Ports.Free();

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public string LogPath { get; } = logPath;

    public int Pid => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running.");

    public int Starts { get; private set; }

    /// <summary>From process start to a ready answer, the last time.</summary>
    public TimeSpan StartTook { get; private set; }

    /// <summary>The server built with this library, in the same configuration (Release for a measurement), or <c>TREU_SERVER_DLL</c>.</summary>
    public static string BuiltDll() =>
        Environment.GetEnvironmentVariable("TREU_SERVER_DLL") is { Length: > 0 } configured
            ? configured
            : typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TreuServerDll").Value!;

    /// <summary>Starts a server and waits until it is ready.</summary>
    public static async Task<ServerProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct = default)
    {
        var server = new ServerProcess(dll, environment, logPath);
        try
        {
            await server.StartAsync(TimeSpan.FromSeconds(120), ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the process and waits until <c>/health/ready</c> answers; throws when it exits first or is not ready in time.</summary>
    public async Task StartAsync(TimeSpan readyWithin, CancellationToken ct = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"No server build at {dll}: build it (dotnet build src/Treu.Server, -c Release for a measurement).");
        }

        Starts++;
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (key, value) in environment)
        {
            settings[key] = value;
        }

        settings["Urls"] = Url.ToString().TrimEnd('/');
        // A session of its own: Ctrl+C reaches the whole foreground process group, and the server must keep answering
        // until the runner has stopped sending and ends it. (setsid execs in place here, so the pid is the server's.)
        var start = Command.StartInfo("setsid", ["dotnet", dll], environment: settings);
        start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!; // where its appsettings.json is
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _log = log;
        await log.WriteLineAsync($"---- start {Starts} at {DateTime.UtcNow:O}");
        var started = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process = process;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = Url };
        if (!await Poll.UntilAsync(token => IsReadyAsync(process, probe, token), readyWithin, ct))
        {
            throw new TimeoutException($"{Name} did not become ready within {readyWithin.TotalSeconds:0} s; see {LogPath}");
        }

        StartTook = started.Elapsed;
    }

    private async Task<bool> IsReadyAsync(Process process, HttpClient probe, CancellationToken ct)
    {
        if (process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {process.ExitCode} while starting; see {LogPath}");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // A node that has just come up takes the retries of every client at once: on a busy machine it answers slowly.
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var ready = await probe.GetAsync("health/ready", timeout.Token);
            return ready.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false; // not listening yet
        }
    }

    /// <summary>SIGTERM: the server finishes requests in flight and closes its database connections; killed after 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await Command.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await KillAsync();
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

    public async ValueTask DisposeAsync() => await StopAsync();

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
