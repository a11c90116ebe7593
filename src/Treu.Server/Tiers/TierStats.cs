using System.Data;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Tiers;
using Treu.Server.Figures;
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
        var held = (await HeldAsync(programId, ct)).Select(h => new { Tier = h.Key == TierCount.NoTier ? null : h.Key, Count = h.Value }).ToList();
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

    /// <summary>
    /// Members per tier id (<see cref="TierCount.NoTier"/> for those who never had one): the counts the figures' roll-up
    /// keeps, plus the members and tier changes it has not taken in yet (those after its marks: a few minutes' worth, read
    /// through the primary keys), all in one snapshot of the database so that a batch committed meanwhile is not counted twice.
    /// </summary>
    private async Task<Dictionary<string, long>> HeldAsync(string programId, CancellationToken ct)
    {
        await using var snapshot = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
        var held = await db.TierCounts.AsNoTracking().Where(c => c.ProgramId == programId).ToDictionaryAsync(c => c.Tier, c => c.Members, StringComparer.Ordinal, ct);
        var marks = await db.FiguresMarks.AsNoTracking().Where(m => m.ProgramId == programId).ToDictionaryAsync(m => m.Source, m => m.LastId, ct);
        var members = marks.GetValueOrDefault(FiguresRollUp.Members, "");
        var changes = marks.GetValueOrDefault(FiguresRollUp.TierChanges, "");
        // Ids from "mbr_1" on are the generator's, which carry no time: the roll-up never reads them, treu generate counts them.
        var enrolled = await db.Members.AsNoTracking()
            .LongCountAsync(m => m.ProgramId == programId && string.Compare(m.Id, members) > 0 && string.Compare(m.Id, "mbr_1") < 0, ct);
        var moves = await db.TierChanges.AsNoTracking().Where(c => c.ProgramId == programId && string.Compare(c.Id, changes) > 0)
            .GroupBy(c => new { c.FromTier, c.ToTier }).Select(g => new { g.Key.FromTier, g.Key.ToTier, Count = g.LongCount() }).ToListAsync(ct);
        held[TierCount.NoTier] = held.GetValueOrDefault(TierCount.NoTier) + enrolled;
        foreach (var (tier, delta) in FiguresRollUp.TierMoves(moves.Select(m => (m.FromTier, m.ToTier, m.Count))))
        {
            held[tier] = held.GetValueOrDefault(tier) + delta;
        }

        return held;
    }
}
