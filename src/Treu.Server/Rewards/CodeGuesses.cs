using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Hosting;

namespace Treu.Server.Rewards;

/// <summary>
/// Counts the codes an API key asked about that do not exist (or are not codes at all), wherever it asked: validating,
/// reserving, redeeming or in a basket. A key that has used up its bucket (<c>Treu:Limits:CodeGuesses</c>) gets
/// 429 <c>rate_limited</c> for every code until it refills: a stolen till key cannot walk the code space, while a till
/// that scans real codes all day never meets the limit.
/// </summary>
public sealed class CodeGuesses : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public CodeGuesses(IOptions<LimitOptions> options)
    {
        var limit = options.Value.CodeGuesses;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = limit.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>The refusal for a key that has guessed too often; null while it may ask.</summary>
    public Failure? Refuses(Caller caller) =>
        _limiter.GetStatistics(caller.ApiKeyId) is { CurrentAvailablePermits: <= 0 }
            ? HttpErrors.RateLimited.With("Too many unknown codes with this API key. Retry in a few seconds.")
            : null;

    /// <summary>Counts a code that was not found against the key.</summary>
    public void Missed(Caller caller)
    {
        using var lease = _limiter.AttemptAcquire(caller.ApiKeyId);
    }

    public void Dispose() => _limiter.Dispose();
}
