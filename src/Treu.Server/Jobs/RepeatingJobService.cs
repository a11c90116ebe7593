using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// Runs one webhook job (<see cref="IJob"/>) on every node, every <see cref="WebhookOptions.Interval"/>: the event router
/// (its lease lets one node at a time route) and the webhook dispatcher (its claims keep the nodes' deliveries apart).
/// A run that fails is logged and tried again at the next tick.
/// </summary>
public sealed class RepeatingJobService<TJob>(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<RepeatingJobService<TJob>> log) : BackgroundService
    where TJob : IJob
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Webhooks.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Webhooks.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TJob>().RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Job {Job} failed; it runs again at the next tick", typeof(TJob).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
