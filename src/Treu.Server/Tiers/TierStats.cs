using Microsoft.EntityFrameworkCore;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Tiers;

/// <summary>The program's tiers in figures: members per tier now, and upgrades and downgrades per month over the last twelve months.</summary>
public sealed class TierStats(TreuDbContext db, TierLadders ladders, ProgramSettings programs, TimeProvider clock)
{
    public const int Months = 12;

    public async Task<TierStatsView?> RunAsync(string programId, CancellationToken ct)
    {
        if (await ladders.GetAsync(programId, ct) is not { } current)
        {
            return null;
        }

        var ladder = current.Ladder;
        var zone = RuledEarning.TimeZoneOf(await programs.GetAsync(programId, ct));
        var month = TierMonths.Of(clock.GetUtcNow().UtcDateTime, zone);
        var from = TierMonths.Start(month - Months + 1, zone);
        var held = await db.Members.AsNoTracking().Where(m => m.ProgramId == programId).GroupBy(m => m.Tier)
            .Select(g => new { Tier = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        // A year of changes is one row per change; grouped here by the program's months, which the database does not know.
        var changes = await db.TierChanges.AsNoTracking().Where(c => c.ProgramId == programId && c.At >= from)
            .GroupBy(c => new { c.At.Year, c.At.Month, c.At.Day, c.At.Hour, c.Direction })
            .Select(g => new { g.Key.Year, g.Key.Month, g.Key.Day, g.Key.Hour, g.Key.Direction, Count = g.LongCount() }).ToListAsync(ct);
        var byMonth = changes.GroupBy(c => TierMonths.Of(new DateTime(c.Year, c.Month, c.Day, c.Hour, 0, 0, DateTimeKind.Utc), zone))
            .ToDictionary(g => g.Key, g => (Up: g.Where(c => c.Direction == "up").Sum(c => c.Count), Down: g.Where(c => c.Direction == "down").Sum(c => c.Count)));

        long CountOf(int rank) => held.Where(h => ladder.RankOf(h.Tier) == rank).Sum(h => h.Count);
        var tiers = ladder.Tiers.Select((t, i) => new TierCountView(t.Id, t.Name!, t.Threshold, CountOf(i))).ToList();
        var months = Enumerable.Range(month - Months + 1, Months)
            .Select(m => new TierMonthView(TierMonths.Label(m), byMonth.GetValueOrDefault(m).Up, byMonth.GetValueOrDefault(m).Down)).ToList();
        return new TierStatsView(held.Sum(h => h.Count), tiers, CountOf(-1), months);
    }
}
