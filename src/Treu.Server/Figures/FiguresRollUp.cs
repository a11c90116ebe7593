using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Server.Figures;

/// <summary>
/// Keeps the dashboard's daily figures (<see cref="DailyFigure"/>, <see cref="DailyRulePoints"/>) from the ledger entries,
/// the members and the purchases, a batch at a time in id order, each batch set-based (one GROUP BY) and in one
/// transaction with its mark. Only ids made at least <see cref="TreuOptions"/>' Jobs:FiguresLag ago are read: a write that
/// took its id earlier but commits later is still counted, as no write stays open that long. Days are UTC days.
/// Members enrolled with ids that do not carry their time (the generator's) are counted by <see cref="RebuildAsync"/>,
/// which <c>treu generate</c> runs after a load.
/// </summary>
public sealed class FiguresRollUp(TreuDbContext db, WriteTransaction tx, TimeProvider clock, IOptions<TreuOptions> options, ILogger<FiguresRollUp> log)
{
    public const string JobName = "figures";
    public const int BatchSize = 5000;
    public static readonly TimeSpan SnapshotEvery = TimeSpan.FromHours(1);

    private const string Ledger = "ledger";
    public const string Members = "members";
    private const string Purchases = "purchases";
    public const string TierChanges = "tiers";

    /// <summary>What one batch of a source adds: the day figures, the points per rule, the members per tier.</summary>
    private sealed record Batch(int Taken, string LastId, Dictionary<Key, Sums> Sums, Dictionary<(Key, string), long> Rules, Dictionary<string, long> Tiers)
    {
        public static Batch None(string after) => new(0, after, [], [], []);
    }

    private sealed record Key(DateOnly Day, string Channel, string StoreId);

    private sealed class Sums
    {
        public long Enrolled, Purchases, Earned, Redeemed, Expired, Reversed, Refunded, Adjusted, Net;
        public decimal Sales;
    }

    public async Task<JobRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var processed = 0;
        foreach (var programId in await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            foreach (var source in new[] { Ledger, Members, Purchases, TierChanges })
            {
                int taken;
                do
                {
                    taken = await BatchAsync(programId, source, ct);
                    processed += taken;
                }
                while (taken == BatchSize);
            }

            await SnapshotAsync(programId, now, force: false, ct);
        }

        return new JobRun(JobName, processed, now);
    }

    /// <summary>Forgets a program's figures and counts them again from everything there is (after a bulk import or generation).</summary>
    public async Task RebuildAsync(string programId, CancellationToken ct)
    {
        await db.DailyFigures.Where(f => f.ProgramId == programId).ExecuteDeleteAsync(ct);
        await db.DailyRulePoints.Where(f => f.ProgramId == programId).ExecuteDeleteAsync(ct);
        await db.FiguresMarks.Where(f => f.ProgramId == programId).ExecuteDeleteAsync(ct);
        await db.TierCounts.Where(f => f.ProgramId == programId).ExecuteDeleteAsync(ct);
        var bound = Bound("mbr");
        var changesBound = Bound("tch");
        // Enrolments in one statement over every member but the newest time-ordered ids (from the bound on: the next runs
        // take those), whose first time character is 0 until the year 3085; ids of another form (the generator's) all count here.
        var enrolled = await db.Members.AsNoTracking()
            .Where(m => m.ProgramId == programId && (string.Compare(m.Id, bound) < 0 || string.Compare(m.Id, "mbr_1") >= 0))
            .GroupBy(m => new { m.CreatedAt.Date, m.EnrolledChannel, Store = m.EnrolledStoreId ?? "" })
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        // The same members by the tier they hold now, which the tier changes before the bound have made (the generator's
        // members are given a tier without a change).
        var held = await db.Members.AsNoTracking()
            .Where(m => m.ProgramId == programId && (string.Compare(m.Id, bound) < 0 || string.Compare(m.Id, "mbr_1") >= 0))
            .GroupBy(m => m.Tier ?? TierCount.NoTier).Select(g => new { Tier = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var sums = new Dictionary<Key, Sums>();
        foreach (var g in enrolled)
        {
            Add(sums, new Key(DateOnly.FromDateTime(g.Key.Date), g.Key.EnrolledChannel, g.Key.Store), s => s.Enrolled += g.Count);
        }

        await tx.RunAloneAsync(async ct2 =>
        {
            await SaveAsync(programId, sums, new Dictionary<(Key, string), long>(), ct2);
            await AddTierCountsAsync(programId, held.ToDictionary(h => h.Tier, h => h.Count), ct2);
            db.FiguresMarks.Add(new FiguresMark { ProgramId = programId, Source = Members, LastId = bound });
            db.FiguresMarks.Add(new FiguresMark { ProgramId = programId, Source = TierChanges, LastId = changesBound });
            return true;
        }, _ => true, ct);
        await RunAsync(ct);
        await SnapshotAsync(programId, clock.GetUtcNow().UtcDateTime, force: true, ct);
    }

    /// <summary>One batch of one source: read after the mark, summed by day, channel and store, added to the figures, the mark moved; 0 when another node took it.</summary>
    private async Task<int> BatchAsync(string programId, string source, CancellationToken ct)
    {
        try
        {
            return await tx.RunAloneAsync(async ct2 =>
            {
                var mark = await db.FiguresMarks.SingleOrDefaultAsync(m => m.ProgramId == programId && m.Source == source, ct2);
                if (mark is null)
                {
                    mark = new FiguresMark { ProgramId = programId, Source = source };
                    db.FiguresMarks.Add(mark);
                }

                var batch = source switch
                {
                    Ledger => await LedgerAsync(programId, mark.LastId, ct2),
                    Members => await MembersAsync(programId, mark.LastId, ct2),
                    TierChanges => await TierChangesAsync(programId, mark.LastId, ct2),
                    _ => await PurchasesAsync(programId, mark.LastId, ct2),
                };
                if (batch.Taken == 0)
                {
                    return 0;
                }

                mark.LastId = batch.LastId;
                await SaveAsync(programId, batch.Sums, batch.Rules, ct2);
                await AddTierCountsAsync(programId, batch.Tiers, ct2);
                return batch.Taken;
            }, _ => true, ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || WriteTransaction.IsUniqueViolation(e))
        {
            log.LogInformation("Figures of {Source} were rolled up by another node meanwhile", source);
            return 0;
        }
    }

    /// <summary>The last id of the next batch of <paramref name="ids"/>, and how many it holds (fewer than a batch when the range runs out).</summary>
    private static async Task<(string? Last, int Count)> BatchEndAsync(IQueryable<string> ids, CancellationToken ct)
    {
        var page = await ids.OrderBy(id => id).Take(BatchSize).ToListAsync(ct);
        return (page.LastOrDefault(), page.Count);
    }

    private async Task<Batch> LedgerAsync(string programId, string after, CancellationToken ct)
    {
        var bound = Bound("led");
        var range = db.LedgerEntries.AsNoTracking().Where(e => e.ProgramId == programId && string.Compare(e.Id, after) > 0 && string.Compare(e.Id, bound) < 0);
        var (last, count) = await BatchEndAsync(range.Select(e => e.Id), ct);
        var sums = new Dictionary<Key, Sums>();
        if (last is null)
        {
            return Batch.None(after);
        }

        var groups = await range.Where(e => string.Compare(e.Id, last) <= 0)
            .GroupBy(e => new { e.CreatedAt.Date, e.Channel, Store = e.StoreId ?? "", e.Kind })
            .Select(g => new { g.Key, Available = g.Sum(e => e.AvailableDelta), Pending = g.Sum(e => e.PendingDelta) }).ToListAsync(ct);
        foreach (var g in groups)
        {
            var points = g.Key.Kind == EntryKind.Activate ? 0 : g.Available + g.Pending;
            Add(sums, new Key(DateOnly.FromDateTime(g.Key.Date), g.Key.Channel, g.Key.Store), s =>
            {
                s.Net += g.Available + g.Pending;
                switch (g.Key.Kind)
                {
                    case EntryKind.Earn: s.Earned += points; break;
                    case EntryKind.Redeem: s.Redeemed -= points; break;
                    case EntryKind.Expire: s.Expired -= points; break;
                    case EntryKind.Reverse: s.Reversed -= points; break;
                    case EntryKind.Refund: s.Refunded += points; break;
                    case EntryKind.Adjust: s.Adjusted += points; break;
                }
            });
        }

        return new Batch(count, last, sums, [], []);
    }

    private async Task<Batch> MembersAsync(string programId, string after, CancellationToken ct)
    {
        var bound = Bound("mbr");
        var range = db.Members.AsNoTracking().Where(m => m.ProgramId == programId && string.Compare(m.Id, after) > 0 && string.Compare(m.Id, bound) < 0);
        var (last, count) = await BatchEndAsync(range.Select(m => m.Id), ct);
        var sums = new Dictionary<Key, Sums>();
        if (last is null)
        {
            return Batch.None(after);
        }

        var groups = await range.Where(m => string.Compare(m.Id, last) <= 0)
            .GroupBy(m => new { m.CreatedAt.Date, m.EnrolledChannel, Store = m.EnrolledStoreId ?? "" })
            .Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        foreach (var g in groups)
        {
            Add(sums, new Key(DateOnly.FromDateTime(g.Key.Date), g.Key.EnrolledChannel, g.Key.Store), s => s.Enrolled += g.Count);
        }

        // A member starts without a tier of its own (the base tier); a tier change moves the member on.
        return new Batch(count, last, sums, [], new Dictionary<string, long> { [TierCount.NoTier] = count });
    }

    private async Task<Batch> PurchasesAsync(string programId, string after, CancellationToken ct)
    {
        var bound = Bound("txn");
        var page = await db.Purchases.AsNoTracking().Where(p => p.ProgramId == programId && string.Compare(p.Id, after) > 0 && string.Compare(p.Id, bound) < 0)
            .OrderBy(p => p.Id).Take(BatchSize).Select(p => new { p.Id, p.OccurredAt, p.Channel, p.StoreId, p.Total, p.Breakdown }).ToListAsync(ct);
        var sums = new Dictionary<Key, Sums>();
        var rules = new Dictionary<(Key, string), long>();
        foreach (var p in page)
        {
            var key = new Key(DateOnly.FromDateTime(p.OccurredAt), p.Channel, p.StoreId);
            Add(sums, key, s =>
            {
                s.Purchases++;
                s.Sales += p.Total;
            });
            foreach (var (rule, points) in RulePoints(p.Breakdown))
            {
                foreach (var k in Totals(key))
                {
                    rules[(k, rule)] = rules.GetValueOrDefault((k, rule)) + points;
                }
            }
        }

        return new Batch(page.Count, page.LastOrDefault()?.Id ?? after, sums, rules, []);
    }

    /// <summary>A batch of tier changes: one member less on each tier left, one more on each tier reached.</summary>
    private async Task<Batch> TierChangesAsync(string programId, string after, CancellationToken ct)
    {
        var bound = Bound("tch");
        var range = db.TierChanges.AsNoTracking().Where(c => c.ProgramId == programId && string.Compare(c.Id, after) > 0 && string.Compare(c.Id, bound) < 0);
        var (last, count) = await BatchEndAsync(range.Select(c => c.Id), ct);
        if (last is null)
        {
            return Batch.None(after);
        }

        var moves = await range.Where(c => string.Compare(c.Id, last) <= 0).GroupBy(c => new { c.FromTier, c.ToTier })
            .Select(g => new { g.Key.FromTier, g.Key.ToTier, Count = g.LongCount() }).ToListAsync(ct);
        return new Batch(count, last, [], [], TierMoves(moves.Select(m => (m.FromTier, m.ToTier, m.Count))));
    }

    /// <summary>The change in members per tier that tier changes (from, to, how many) make.</summary>
    public static Dictionary<string, long> TierMoves(IEnumerable<(string From, string To, long Count)> moves)
    {
        var deltas = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (from, to, count) in moves)
        {
            deltas[from] = deltas.GetValueOrDefault(from) - count;
            deltas[to] = deltas.GetValueOrDefault(to) + count;
        }

        return deltas;
    }

    private async Task AddTierCountsAsync(string programId, Dictionary<string, long> deltas, CancellationToken ct)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var rows = await db.TierCounts.Where(c => c.ProgramId == programId).ToListAsync(ct);
        foreach (var (tier, delta) in deltas)
        {
            if (rows.FirstOrDefault(r => r.Tier == tier) is { } row)
            {
                row.Members += delta;
            }
            else
            {
                db.TierCounts.Add(new TierCount { ProgramId = programId, Tier = tier, Members = delta });
            }
        }
    }

    /// <summary>Members who bought in the last 30 and 90 days, by channel and store and in total, counted anew at most once an hour.</summary>
    private async Task SnapshotAsync(string programId, DateTime now, bool force, CancellationToken ct)
    {
        var taken = await db.ActivitySnapshots.Where(s => s.ProgramId == programId).MaxAsync(s => (DateTime?)s.TakenAt, ct);
        if (!force && taken is { } at && now - at < SnapshotEvery)
        {
            return;
        }

        var (d30, d90) = (now.AddDays(-30), now.AddDays(-90));
        var recent = db.Purchases.AsNoTracking().Where(p => p.ProgramId == programId && p.OccurredAt >= d90 && p.OccurredAt <= now);
        var byStore = await recent.GroupBy(p => new { p.Channel, p.StoreId })
            .Select(g => new
            {
                g.Key.Channel,
                g.Key.StoreId,
                A30 = g.Where(p => p.OccurredAt >= d30).Select(p => p.MemberId).Distinct().Count(),
                A90 = g.Select(p => p.MemberId).Distinct().Count(),
            })
            .ToListAsync(ct);
        var byChannel = await recent.GroupBy(p => p.Channel)
            .Select(g => new
            {
                Channel = g.Key,
                StoreId = DailyFigure.All,
                A30 = g.Where(p => p.OccurredAt >= d30).Select(p => p.MemberId).Distinct().Count(),
                A90 = g.Select(p => p.MemberId).Distinct().Count(),
            })
            .ToListAsync(ct);
        var total = new
        {
            Channel = DailyFigure.All,
            StoreId = DailyFigure.All,
            A30 = await recent.Where(p => p.OccurredAt >= d30).Select(p => p.MemberId).Distinct().CountAsync(ct),
            A90 = await recent.Select(p => p.MemberId).Distinct().CountAsync(ct),
        };
        await tx.RunAloneAsync(async ct2 =>
        {
            await db.ActivitySnapshots.Where(s => s.ProgramId == programId).ExecuteDeleteAsync(ct2);
            db.ActivitySnapshots.AddRange(byStore.Concat(byChannel).Append(total).Select(a =>
                new ActivitySnapshot
                {
                    ProgramId = programId,
                    Channel = a.Channel,
                    StoreId = a.StoreId,
                    Active30 = a.A30,
                    Active90 = a.A90,
                    TakenAt = Clock.ToStoredPrecision(now),
                }));
            return true;
        }, _ => true, ct);
    }

    /// <summary>Adds the batch's sums to the day rows, each to its own row and to its channel's and the day's totals.</summary>
    private async Task SaveAsync(string programId, Dictionary<Key, Sums> sums, Dictionary<(Key, string), long> rules, CancellationToken ct)
    {
        var totals = new Dictionary<Key, Sums>();
        foreach (var (key, s) in sums)
        {
            foreach (var k in Totals(key))
            {
                Add(totals, k, t =>
                {
                    t.Enrolled += s.Enrolled; t.Purchases += s.Purchases; t.Sales += s.Sales; t.Earned += s.Earned; t.Redeemed += s.Redeemed;
                    t.Expired += s.Expired; t.Reversed += s.Reversed; t.Refunded += s.Refunded; t.Adjusted += s.Adjusted; t.Net += s.Net;
                });
            }
        }

        if (totals.Count > 0)
        {
            var days = totals.Keys.Select(k => k.Day).Distinct().ToList();
            var rows = await db.DailyFigures.Where(f => f.ProgramId == programId && days.Contains(f.Day)).ToListAsync(ct);
            foreach (var (key, s) in totals)
            {
                var row = rows.FirstOrDefault(r => r.Day == key.Day && r.Channel == key.Channel && r.StoreId == key.StoreId);
                if (row is null)
                {
                    row = new DailyFigure { ProgramId = programId, Day = key.Day, Channel = key.Channel, StoreId = key.StoreId };
                    db.DailyFigures.Add(row);
                    rows.Add(row);
                }

                row.MembersEnrolled += s.Enrolled;
                row.Purchases += s.Purchases;
                row.Sales += s.Sales;
                row.PointsEarned += s.Earned;
                row.PointsRedeemed += s.Redeemed;
                row.PointsExpired += s.Expired;
                row.PointsReversed += s.Reversed;
                row.PointsRefunded += s.Refunded;
                row.PointsAdjusted += s.Adjusted;
                row.PointsNet += s.Net;
            }
        }

        if (rules.Count > 0)
        {
            var days = rules.Keys.Select(k => k.Item1.Day).Distinct().ToList();
            var rows = await db.DailyRulePoints.Where(f => f.ProgramId == programId && days.Contains(f.Day)).ToListAsync(ct);
            foreach (var ((key, rule), points) in rules)
            {
                var row = rows.FirstOrDefault(r => r.Day == key.Day && r.Channel == key.Channel && r.StoreId == key.StoreId && r.RuleId == rule);
                if (row is null)
                {
                    row = new DailyRulePoints { ProgramId = programId, Day = key.Day, Channel = key.Channel, StoreId = key.StoreId, RuleId = rule };
                    db.DailyRulePoints.Add(row);
                    rows.Add(row);
                }

                row.Points += points;
            }
        }
    }

    private static IEnumerable<Key> Totals(Key key) =>
        [key, key with { StoreId = DailyFigure.All }, new Key(key.Day, DailyFigure.All, DailyFigure.All)];

    private static void Add(Dictionary<Key, Sums> sums, Key key, Action<Sums> add)
    {
        if (!sums.TryGetValue(key, out var s))
        {
            sums[key] = s = new Sums();
        }

        add(s);
    }

    /// <summary>The points each rule that applied gave, from a purchase's breakdown as it was answered to the till.</summary>
    private static IEnumerable<(string Rule, long Points)> RulePoints(string breakdown)
    {
        using var json = JsonDocument.Parse(breakdown);
        var found = new List<(string, long)>();
        foreach (var rule in json.RootElement.EnumerateArray())
        {
            if ((!rule.TryGetProperty("applied", out var applied) || applied.GetBoolean()) && rule.TryGetProperty("points", out var points)
                && points.GetInt64() != 0 && rule.TryGetProperty("rule", out var id))
            {
                found.Add((id.GetString()!, points.GetInt64()));
            }
        }

        return found;
    }

    /// <summary>
    /// The least id made at the lag before now (prefix, then the time): every id below it was made earlier. Ids are made with
    /// the system clock, so this is too.
    /// </summary>
    private string Bound(string prefix) =>
        Ids.New(prefix, DateTimeOffset.UtcNow - options.Value.Jobs.FiguresLag)[..(prefix.Length + 1 + Ids.TimeChars)];
}
