using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Runs the tier review on the jobs' timer. Every node may run it; <see cref="TierReview"/> makes that safe.</summary>
public sealed class TierReviewService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<TierReviewService> log) : BackgroundService
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
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<TierReview>().RunAsync(stoppingToken);
                if (run.Processed > 0)
                {
                    log.LogInformation("Job {Job} reviewed {Count} members", run.Job, run.Processed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Job {Job} failed; it runs again at the next tick", TierReview.Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
