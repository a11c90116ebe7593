using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// Runs one webhook job (<see cref="IJob"/>) on every node, every <see cref="WebhookOptions.Interval"/>: the event router
/// (its lease lets one node at a time route) and the webhook dispatcher (its claims keep the nodes' deliveries apart).
/// </summary>
public sealed class RepeatingJobService<TJob>(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<RepeatingJobService<TJob>> log)
    : TimedJobService(scopes, options, log)
    where TJob : IJob
{
    protected override string JobName => typeof(TJob).Name;

    protected override string? Processed => null;

    protected override bool Enabled => Settings.Webhooks.Enabled;

    protected override TimeSpan Interval => Settings.Webhooks.Interval;

    protected override Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<TJob>().RunAsync(ct);
}
