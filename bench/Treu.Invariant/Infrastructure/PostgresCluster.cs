using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Treu.Invariant.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temp directory, on a free loopback port, with durability left on
/// (fsync and synchronous_commit at their defaults): the test claims that acknowledged writes survive a crash.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _port;

    private PostgresCluster(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public static string BinDir => Environment.GetEnvironmentVariable("PGBIN") is { Length: > 0 } bin ? bin : "/usr/lib/postgresql/15/bin";

    /// <summary>Why the cluster cannot be started here, or null when it can.</summary>
    public static string? Unavailable() => File.Exists(Path.Combine(BinDir, "initdb"))
        ? null
        : $"No PostgreSQL server binaries in {BinDir} (Debian package postgresql-15, or set PGBIN).";

    public string ConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=treu;Maximum Pool Size=60;Timeout=5;Command Timeout=30";

    /// <summary>For the test's own look-ups: no pool, so no connection broken by a database restart is handed out again.</summary>
    public string UnpooledConnectionString => ConnectionString + ";Pooling=false";

    public static async Task<PostgresCluster> StartAsync(CancellationToken ct)
    {
        var dir = Directory.CreateTempSubdirectory("treu-invariant-pg-").FullName;
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The invariant test drives PostgreSQL's own tools (initdb, pg_ctl) the Unix way.");
        }

        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (IsRoot)
        {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            await Tool.RunAsync("chown", ["postgres", dir], ct);
        }

        var cluster = new PostgresCluster(dir, FreePort());
        try
        {
            await cluster.PgAsync("initdb", ["-D", cluster.Data, "-A", "trust", "-U", "postgres", "--no-sync"], ct);
            await cluster.PgAsync("pg_ctl", ["-D", cluster.Data, "-l", Path.Combine(dir, "server.log"), "-w", "-t", "60", "-o", cluster.ServerOptions, "start"], ct);
            await using var conn = new NpgsqlConnection(cluster.ConnectionString.Replace("Database=treu", "Database=postgres", StringComparison.Ordinal));
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand("CREATE DATABASE treu", conn);
            await create.ExecuteNonQueryAsync(ct);
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
        PgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(_dir, "server.log"), "-w", "-t", "60", "-m", "immediate", "-o", ServerOptions, "restart"], ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        catch (Exception)
        {
            // Not started, or already gone: nothing to stop.
        }

        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string Data => Path.Combine(_dir, "data");

    private string ServerOptions => $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=64MB";

    private static bool IsRoot => Environment.UserName == "root";

    private Task PgAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        IsRoot
            ? Tool.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDir, tool), .. args], ct)
            : Tool.RunAsync(Path.Combine(BinDir, tool), args, ct);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Runs a command to completion and fails with its output when it fails.</summary>
internal static class Tool
{
    public static async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }
}
