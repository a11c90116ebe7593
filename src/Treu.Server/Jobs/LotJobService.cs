using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Runs the ledger jobs on a timer. Every node may run it; <see cref="LotJobs"/> makes that safe.</summary>
public sealed class LotJobService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<LotJobService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Jobs.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Jobs.Interval);
        do
        {
            foreach (var job in LotJobs.Names)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var run = await scope.ServiceProvider.GetRequiredService<LotJobs>().RunAsync(job, stoppingToken);
                    if (run.Processed > 0)
                    {
                        log.LogInformation("Job {Job} processed {Count} items", run.Job, run.Processed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Job {Job} failed; it runs again at the next tick", job);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
