using Microsoft.EntityFrameworkCore;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Figures;

/// <summary>
/// The dashboard's figures for a period, channel and store, read from the daily figures the roll-up keeps: one row a
/// day, never the ledger itself. Every query of the dashboard is here, so that the dashboard can be moved onto other
/// aggregates by changing this class alone.
/// </summary>
public sealed class ProgramFigures(TreuDbContext db, ProgramSettings programs, TimeProvider clock)
{
    public static readonly int[] Periods = [4, 12, 26, 52];

    public sealed record Filter(int Weeks = 12, string? Channel = null, string? StoreId = null);

    public sealed record Week(DateOnly Start, long Enrolled, long Purchases, decimal Sales, long Earned, long Redeemed, long Expired);

    public sealed record RulePoints(string RuleId, long Points);

    public sealed record Dashboard(
        DateOnly From,
        DateOnly To,
        IReadOnlyList<Week> Weeks,
        long Enrolled,
        long Earned,
        long Redeemed,
        long Expired,
        decimal? RedemptionRate,
        long Outstanding,
        decimal OutstandingValue,
        string Currency,
        long? Active30,
        long? Active90,
        DateTime? ActiveCountedAt,
        IReadOnlyList<RulePoints> TopRules,
        IReadOnlyList<string> Channels,
        IReadOnlyList<string> Stores);

    public async Task<Dashboard> RunAsync(string programId, Filter filter, CancellationToken ct)
    {
        var program = await programs.GetAsync(programId, ct);
        var weeks = Periods.Contains(filter.Weeks) ? filter.Weeks : 12;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var from = Monday(today).AddDays(-7 * (weeks - 1));
        var rows = Rows(db.DailyFigures.AsNoTracking().Where(f => f.ProgramId == programId), filter);
        var days = await rows.Where(f => f.Day >= from && f.Day <= today)
            .Select(f => new { f.Day, f.MembersEnrolled, f.Purchases, f.Sales, f.PointsEarned, f.PointsRedeemed, f.PointsExpired }).ToListAsync(ct);
        var series = Enumerable.Range(0, weeks).Select(i => from.AddDays(7 * i)).Select(start =>
        {
            var week = days.Where(d => d.Day >= start && d.Day < start.AddDays(7)).ToList();
            return new Week(start, week.Sum(d => d.MembersEnrolled), week.Sum(d => d.Purchases), week.Sum(d => d.Sales), week.Sum(d => d.PointsEarned),
                week.Sum(d => d.PointsRedeemed), week.Sum(d => d.PointsExpired));
        }).ToList();
        var outstanding = await rows.SumAsync(f => f.PointsNet, ct);
        var (earned, redeemed) = (series.Sum(w => w.Earned), series.Sum(w => w.Redeemed));

        var active = await Rows(db.ActivitySnapshots.AsNoTracking().Where(s => s.ProgramId == programId), filter)
            .GroupBy(s => 1).Select(g => new { A30 = g.Sum(s => s.Active30), A90 = g.Sum(s => s.Active90), At = g.Max(s => s.TakenAt) }).FirstOrDefaultAsync(ct);
        var topRules = await Rows(db.DailyRulePoints.AsNoTracking().Where(r => r.ProgramId == programId && r.Day >= from && r.Day <= today), filter)
            .GroupBy(r => r.RuleId).Select(g => new { RuleId = g.Key, Points = g.Sum(r => r.Points) }).OrderByDescending(r => r.Points).Take(8).ToListAsync(ct);
        var keys = await db.DailyFigures.AsNoTracking().Where(f => f.ProgramId == programId && f.Channel != DailyFigure.All && f.StoreId == DailyFigure.All && f.Day >= from)
            .Select(f => f.Channel).Distinct().ToListAsync(ct);
        var stores = await db.DailyFigures.AsNoTracking()
            .Where(f => f.ProgramId == programId && f.Channel != DailyFigure.All && f.StoreId != DailyFigure.All && f.StoreId != "" && f.Day >= from)
            .Select(f => f.StoreId).Distinct().ToListAsync(ct);
        return new Dashboard(from, today, series, series.Sum(w => w.Enrolled), earned, redeemed, series.Sum(w => w.Expired),
            earned == 0 ? null : Math.Round((decimal)redeemed / earned, 4), outstanding, Math.Max(outstanding, 0) * program.PointValue, program.Currency,
            active?.A30, active?.A90, active?.At, topRules.Select(r => new RulePoints(r.RuleId, r.Points)).ToList(), keys.Order(StringComparer.Ordinal).ToList(),
            stores.Order(StringComparer.Ordinal).Take(500).ToList());
    }

    /// <summary>
    /// The rows of one channel and store: the kept totals ("*") where the filter leaves a dimension open, so that an
    /// unfiltered dashboard reads one row a day; a store over every channel sums its channels' rows.
    /// </summary>
    private static IQueryable<T> Rows<T>(IQueryable<T> rows, Filter filter) where T : class
    {
        var channel = filter.Channel ?? DailyFigure.All;
        var store = filter.StoreId ?? DailyFigure.All;
        return filter is { Channel: null, StoreId: not null }
            ? rows.Where(r => EF.Property<string>(r, "StoreId") == store && EF.Property<string>(r, "Channel") != DailyFigure.All)
            : rows.Where(r => EF.Property<string>(r, "Channel") == channel && EF.Property<string>(r, "StoreId") == store);
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
