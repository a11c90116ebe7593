using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>Runs the tier review on the jobs' timer; <see cref="TierReview"/> makes it safe on every node.</summary>
public sealed class TierReviewService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<TierReviewService> log)
    : TimedJobService(scopes, options, log)
{
    protected override string JobName => TierReview.Name;

    protected override string? Processed => "members reviewed";

    protected override Task<JobRun> RunOnceAsync(IServiceProvider services, CancellationToken ct) => services.GetRequiredService<TierReview>().RunAsync(ct);
}
