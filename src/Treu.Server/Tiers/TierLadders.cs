using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Tiers;

/// <summary>
/// The ladder in force per program, read on every purchase and kept for a few seconds (like <see cref="ProgramSettings"/>):
/// a change through the admin API is seen at once on the node that made it, on the others within seconds. A program
/// without tiers costs one look-up in the cache.
/// </summary>
public sealed class TierLadders(TreuDbContext db, IMemoryCache cache)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>The ladder in force; null when the program has no tiers.</summary>
    public async Task<ProgramLadder?> GetAsync(string programId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(Key(programId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var stored = await db.TierLadders.AsNoTracking().Where(l => l.ProgramId == programId).OrderByDescending(l => l.Version).FirstOrDefaultAsync(ct);
            return stored is null ? null : new ProgramLadder(stored.Version, Parse(stored.Definition), stored.CreatedAt, stored.CreatedBy);
        });

    public void Forget(string programId) => cache.Remove(Key(programId));

    public static TierLadder Parse(string definition) =>
        JsonSerializer.Deserialize<TierLadder>(definition, Json.StoredData) ?? throw new InvalidDataException("Empty tier ladder.");

    private static (string, string) Key(string programId) => ("tiers", programId);
}
