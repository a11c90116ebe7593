using System.Globalization;
using Treu.Testing;

namespace Treu.Load;

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
    public static double? PeakOf(int? pid) => pid is { } p ? ProcessStatus.Read(p, "VmHWM") : null;

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
            if (ProcessStatus.Read(_pid!.Value, "VmRSS") is { } rss)
            {
                MaxRssMb = Math.Max(MaxRssMb, rss);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
