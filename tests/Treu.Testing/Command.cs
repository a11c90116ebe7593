using System.Diagnostics;

namespace Treu.Testing;

/// <summary>Runs the tools a test or a benchmark needs (initdb, pg_ctl, pgbench, kill, the <c>treu</c> commands) to their end.</summary>
public static class Command
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command; throws with its output when it fails, returns its output when it does not.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, bool asPostgres = false,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        var argList = args.ToList();
        var (code, output) = await ExecuteAsync(file, argList, asPostgres, environment, ct);
        return code == 0 ? output : throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', argList)} failed ({code}):\n{output}");
    }

    /// <summary>Runs a command; returns its exit code and its output (standard output, then standard error).</summary>
    public static async Task<(int ExitCode, string Output)> ExecuteAsync(string file, IEnumerable<string> args, bool asPostgres = false,
        IReadOnlyDictionary<string, string>? environment = null, CancellationToken ct = default)
    {
        using var process = Process.Start(StartInfo(file, args, asPostgres, environment)) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>How to start a command with its output captured; <paramref name="asPostgres"/> runs it as the postgres user when this is root.</summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> args, bool asPostgres = false, IReadOnlyDictionary<string, string>? environment = null)
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
