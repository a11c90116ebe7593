using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Treu.Domain.Programs;
using Treu.Server.Storage;

namespace Treu.Server.Hosting;

/// <summary>
/// Program settings are read on every purchase and change a few times a year: a copy is kept for a few
/// seconds. A change through the admin API is seen at once on the node that made it, on others within seconds.
/// </summary>
public sealed class ProgramSettings(TreuDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public async Task<LoyaltyProgram> GetAsync(string programId, CancellationToken ct) =>
        (await cache.GetOrCreateAsync(("program", programId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            return await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, ct);
        }))!;

    public void Forget(string programId) => cache.Remove(("program", programId));

    /// <summary>The deployment's program (the first created): whose brand a page shows before anyone has signed in.</summary>
    public async Task<string> DeploymentProgramIdAsync(CancellationToken ct) =>
        (await cache.GetOrCreateAsync("deployment_program", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return await db.Programs.AsNoTracking().OrderBy(p => p.CreatedAt).Select(p => p.Id).FirstAsync(ct);
        }))!;
}
