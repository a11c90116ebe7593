using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Events;
using Treu.Server.Rules;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.Dialects;

/// <summary>
/// SQLite has one writer: a write transaction holds the database-wide write lock, so "locking" a row is reading it.
/// </summary>
public sealed class SqliteDialect : StorageDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override int ParallelWriters => 1;

    public override int JobBatchesAtOnce(int configured) => 1;

    public override Task<Member?> LockMemberAsync(TreuDbContext db, string programId, string memberId, CancellationToken ct) =>
        MemberById.For(db)(db, programId, memberId, ct);

    // Every write of the hot path starts here, inside the one write lane.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, CancellationToken, Task<Member?>>> MemberById = new(() => EF.CompileAsyncQuery(
        (TreuDbContext db, string programId, string memberId, CancellationToken ct) => db.Members.SingleOrDefault(m => m.ProgramId == programId && m.Id == memberId)));

    public override Task<List<Member>> LockMembersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.ProgramId == programId && ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync(ct);

    public override Task<List<Member>> LockMembersByRefAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> refs, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.ProgramId == programId && refs.Contains(m.ExternalRef!)).OrderBy(m => m.Id).ToListAsync(ct);

    public override Task<RuleBudget?> LockBudgetAsync(TreuDbContext db, string programId, string ruleId, CancellationToken ct) =>
        db.RuleBudgets.SingleOrDefaultAsync(b => b.ProgramId == programId && b.RuleId == ruleId, ct);

    public override Task<Voucher?> LockVoucherAsync(TreuDbContext db, string programId, string code, CancellationToken ct) =>
        db.Vouchers.SingleOrDefaultAsync(v => v.ProgramId == programId && v.Code == code, ct);

    public override Task<List<Voucher>> LockVouchersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Vouchers.Where(v => v.ProgramId == programId && ids.Contains(v.Id)).OrderBy(v => v.Id).ToListAsync(ct);

    public override Task<CouponCampaign?> LockCouponCampaignAsync(TreuDbContext db, string programId, string campaignId, CancellationToken ct) =>
        db.CouponCampaigns.SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == campaignId, ct);

    public override Task<RewardStock?> LockRewardStockAsync(TreuDbContext db, string programId, string rewardId, CancellationToken ct) =>
        db.RewardStocks.SingleOrDefaultAsync(s => s.ProgramId == programId && s.RewardId == rewardId, ct);

    public override async Task<List<TakenIdentifier>> FindTakenAsync(TreuDbContext db, string programId, IdentifierSet wanted, CancellationToken ct)
    {
        var (r, e, p, c, n) = (wanted.Refs.ToList(), wanted.Emails.ToList(), wanted.Phones.ToList(), wanted.Cards.ToList(), wanted.Numbers.ToList());
        var members = db.Members.AsNoTracking().Where(m => m.ProgramId == programId);
        var found = await members.Where(m => r.Contains(m.ExternalRef!)).Select(m => new { Kind = "r", Value = m.ExternalRef! })
            .Concat(members.Where(m => e.Contains(m.Email!)).Select(m => new { Kind = "e", Value = m.Email! }))
            .Concat(members.Where(m => p.Contains(m.Phone!)).Select(m => new { Kind = "p", Value = m.Phone! }))
            .Concat(db.MemberCards.Where(x => x.ProgramId == programId && c.Contains(x.Number)).Select(x => new { Kind = "c", Value = x.Number }))
            .Concat(members.Where(m => n.Contains(m.MemberNumber)).Select(m => new { Kind = "n", Value = m.MemberNumber }))
            .ToListAsync(ct);
        return found.Select(f => new TakenIdentifier(f.Kind, f.Value)).ToList();
    }

    public override Task AnalyzeMemberIdentifiersAsync(TreuDbContext db, CancellationToken ct) => Task.CompletedTask;

    /// <summary>One writer at a time: a row's rowid is given at insert, in the order of the commits. Events are never deleted, so no rowid is given twice.</summary>
    public override async Task<List<PositionedEvent>> EventsAfterAsync(TreuDbContext db, string? after, int limit, CancellationToken ct)
    {
        var found = await db.Database.SqlQueryRaw<PositionedEvent>(
            """
            SELECT e.id AS id, e.program_id AS program_id, e.member_id AS member_id, e.member_seq AS member_seq, e.type AS type,
                   e.occurred_at AS occurred_at, e.payload AS payload, CAST(e.rowid AS TEXT) AS position
            FROM domain_events AS e WHERE e.rowid > @after ORDER BY e.rowid LIMIT @limit
            """,
            new Microsoft.Data.Sqlite.SqliteParameter("after", long.TryParse(after, out var position) ? position : 0),
            new Microsoft.Data.Sqlite.SqliteParameter("limit", limit)).ToListAsync(ct);
        foreach (var e in found)
        {
            e.OccurredAt = DateTime.SpecifyKind(e.OccurredAt, DateTimeKind.Utc);
        }

        return found;
    }

    public override Task<string?> LastEventPositionAsync(TreuDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>("""SELECT CAST(MAX(e.rowid) AS TEXT) AS "Value" FROM domain_events AS e""").SingleOrDefaultAsync(ct);

    public override bool EventsOvertake => false;

    public override Task<List<PositionedEvent>> UnreadEventsOfAsync(TreuDbContext db, IReadOnlyList<(string MemberId, long From, long Below)> members, string after,
        CancellationToken ct) => Task.FromResult(new List<PositionedEvent>());

    public override Task<List<WebhookDelivery>> DueDeliveriesAsync(TreuDbContext db, DateTime now, int limit, CancellationToken ct) =>
        db.WebhookDeliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil <= now)
                && !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.MemberId == d.MemberId && e.Status == DeliveryStatus.Pending
                    && e.MemberSeq < d.MemberSeq))
            .OrderBy(d => d.NextAttemptAt).Take(limit).ToListAsync(ct);


    /// <summary>WAL lets readers go on while a purchase commits; the setting stays with the file.</summary>
    public override Task PrepareAsync(TreuDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
}
