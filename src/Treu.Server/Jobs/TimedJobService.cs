using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// A job on the jobs' timer: once at start, then every <c>Treu:Jobs:Interval</c>, each run in its own scope. Every node
/// may run it; the job itself makes that safe. A failed run is logged and tried again at the next tick.
/// </summary>
public abstract class TimedJobService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger log) : BackgroundService
{
    protected abstract string JobName { get; }

    /// <summary>One run; what it did, for the log (nothing is logged for a run that did nothing).</summary>
    protected abstract Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct);

    /// <summary>How the log names what a run processed ("members reviewed"); null for a job whose runs are not logged.</summary>
    protected abstract string? Processed { get; }

    /// <summary>Whether this node runs the job on its own.</summary>
    protected virtual bool Enabled => Settings.Jobs.Enabled;

    /// <summary>How long the job waits between runs.</summary>
    protected virtual TimeSpan Interval => Settings.Jobs.Interval;

    protected TreuOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                if (run.Processed > 0 && Processed is not null)
                {
                    log.LogInformation("Job {Job}: {Count} {Processed}", run.Job, run.Processed, Processed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Job {Job} failed; it runs again at the next tick", JobName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
