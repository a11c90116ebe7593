using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Events;
using Treu.Server.Rules;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.Dialects;

public sealed class PostgresDialect : StorageDialect
{
    public static readonly PostgresDialect Instance = new();

    private PostgresDialect()
    {
    }

    /// <summary>Two COPYs or job batches at once keep two cores busy.</summary>
    public override int ParallelWriters => 2;

    public override int JobBatchesAtOnce(int configured) => Math.Clamp(configured, 1, 16);

    public override Task<Member?> LockMemberAsync(TreuDbContext db, string programId, string memberId, CancellationToken ct) =>
        db.Members.FromSqlInterpolated($"SELECT * FROM members WHERE program_id = {programId} AND id = {memberId} FOR UPDATE").SingleOrDefaultAsync(ct);

    public override Task<List<Member>> LockMembersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Members.FromSqlInterpolated($"SELECT * FROM members WHERE program_id = {programId} AND id = ANY({ids.ToArray()}) ORDER BY id FOR UPDATE SKIP LOCKED")
            .AsNoTracking().ToListAsync(ct);

    public override Task<List<Member>> LockMembersByRefAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> refs, CancellationToken ct) =>
        db.Members.FromSqlInterpolated($"SELECT * FROM members WHERE program_id = {programId} AND external_ref = ANY({refs.ToArray()}) ORDER BY id FOR UPDATE")
            .AsNoTracking().ToListAsync(ct);

    public override Task<RuleBudget?> LockBudgetAsync(TreuDbContext db, string programId, string ruleId, CancellationToken ct) =>
        db.RuleBudgets.FromSqlInterpolated($"SELECT * FROM rule_budgets WHERE program_id = {programId} AND rule_id = {ruleId} FOR UPDATE").SingleOrDefaultAsync(ct);

    public override Task<Voucher?> LockVoucherAsync(TreuDbContext db, string programId, string code, CancellationToken ct) =>
        db.Vouchers.FromSqlInterpolated($"SELECT * FROM vouchers WHERE program_id = {programId} AND code = {code} FOR UPDATE").SingleOrDefaultAsync(ct);

    public override Task<List<Voucher>> LockVouchersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct) =>
        db.Vouchers.FromSqlInterpolated($"SELECT * FROM vouchers WHERE program_id = {programId} AND id = ANY({ids.ToArray()}) ORDER BY id FOR UPDATE SKIP LOCKED").ToListAsync(ct);

    public override Task<CouponCampaign?> LockCouponCampaignAsync(TreuDbContext db, string programId, string campaignId, CancellationToken ct) =>
        db.CouponCampaigns.FromSqlInterpolated($"SELECT * FROM coupon_campaigns WHERE program_id = {programId} AND id = {campaignId} FOR UPDATE").SingleOrDefaultAsync(ct);

    public override Task<RewardStock?> LockRewardStockAsync(TreuDbContext db, string programId, string rewardId, CancellationToken ct) =>
        db.RewardStocks.FromSqlInterpolated($"SELECT * FROM reward_stocks WHERE program_id = {programId} AND reward_id = {rewardId} FOR UPDATE").SingleOrDefaultAsync(ct);

    /// <summary>
    /// One round trip. Each value is looked up on its own unique index: a LATERAL sub-query with LIMIT cannot become a hash
    /// join or a scan of the wrong index, whatever the statistics say (with stale ones, an "= ANY(array)" filter over a chunk's
    /// values can be planned as a scan of every member on another index).
    /// </summary>
    public override Task<List<TakenIdentifier>> FindTakenAsync(TreuDbContext db, string programId, IdentifierSet wanted, CancellationToken ct) =>
        db.Database.SqlQueryRaw<TakenIdentifier>(
            """
            SELECT 'r' AS "Kind", f.v AS "Value" FROM unnest(@refs) AS x(v),
                LATERAL (SELECT m.external_ref AS v FROM members AS m WHERE m.program_id = @program AND m.external_ref = x.v LIMIT 1) AS f
            UNION ALL SELECT 'e', f.v FROM unnest(@emails) AS x(v),
                LATERAL (SELECT m.email AS v FROM members AS m WHERE m.program_id = @program AND m.email = x.v LIMIT 1) AS f
            UNION ALL SELECT 'p', f.v FROM unnest(@phones) AS x(v),
                LATERAL (SELECT m.phone AS v FROM members AS m WHERE m.program_id = @program AND m.phone = x.v LIMIT 1) AS f
            UNION ALL SELECT 'c', f.v FROM unnest(@cards) AS x(v),
                LATERAL (SELECT c.number AS v FROM member_cards AS c WHERE c.program_id = @program AND c.number = x.v LIMIT 1) AS f
            UNION ALL SELECT 'n', f.v FROM unnest(@numbers) AS x(v),
                LATERAL (SELECT m.member_number AS v FROM members AS m WHERE m.program_id = @program AND m.member_number = x.v LIMIT 1) AS f
            """,
            new NpgsqlParameter("program", programId), new NpgsqlParameter("refs", wanted.Refs.ToArray()), new NpgsqlParameter("emails", wanted.Emails.ToArray()),
            new NpgsqlParameter("phones", wanted.Phones.ToArray()), new NpgsqlParameter("cards", wanted.Cards.ToArray()),
            new NpgsqlParameter("numbers", wanted.Numbers.ToArray())).ToListAsync(ct);

    public override Task AnalyzeMemberIdentifiersAsync(TreuDbContext db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync("ANALYZE members, member_cards", ct);

    public override Task PrepareAsync(TreuDbContext db, CancellationToken ct) => Task.CompletedTask;
    private const string EventColumns = """
        e.id AS id, e.program_id AS program_id, e.member_id AS member_id, e.member_seq AS member_seq, e.type AS type,
        e.occurred_at AS occurred_at, e.payload AS payload, e.tx::text || '|' || e.id AS position
        """;

    /// <summary>
    /// <c>domain_events.tx</c> is the writing transaction's id (a column default, outside the EF model). An event whose
    /// transaction is below the oldest one still running can no longer be overtaken by an uncommitted one: the scan hands
    /// out only those, in (tx, id) order, in one statement so that the horizon and the rows come from one snapshot.
    /// </summary>
    public override Task<List<PositionedEvent>> EventsAfterAsync(TreuDbContext db, string? after, int limit, CancellationToken ct)
    {
        var (tx, id) = Split(after);
        return db.Database.SqlQueryRaw<PositionedEvent>(
            $"""
            SELECT {EventColumns} FROM domain_events AS e
            WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot()) AND (e.tx, e.id) > (@tx::xid8, @id)
            ORDER BY e.tx, e.id LIMIT @limit
            """,
            new NpgsqlParameter("tx", tx), new NpgsqlParameter("id", id), new NpgsqlParameter("limit", limit)).ToListAsync(ct);
    }

    public override Task<string?> LastEventPositionAsync(TreuDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<string>(
            """
            SELECT e.tx::text || '|' || e.id AS "Value" FROM domain_events AS e
            WHERE e.tx < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY e.tx DESC, e.id DESC LIMIT 1
            """).SingleOrDefaultAsync(ct);

    public override bool EventsOvertake => true;

    public override Task<List<PositionedEvent>> UnreadEventsOfAsync(TreuDbContext db, IReadOnlyList<(string MemberId, long From, long Below)> members, string after,
        CancellationToken ct)
    {
        var (tx, id) = Split(after);
        return db.Database.SqlQueryRaw<PositionedEvent>(
            $"""
            SELECT {EventColumns} FROM unnest(@members, @from, @below) AS m(id, lo, hi)
            JOIN domain_events AS e ON e.member_id = m.id AND e.member_seq >= m.lo AND e.member_seq < m.hi
            WHERE (e.tx, e.id) > (@tx::xid8, @id)
            """,
            new NpgsqlParameter("members", members.Select(m => m.MemberId).ToArray()), new NpgsqlParameter("from", members.Select(m => m.From).ToArray()),
            new NpgsqlParameter("below", members.Select(m => m.Below).ToArray()), new NpgsqlParameter("tx", tx), new NpgsqlParameter("id", id)).ToListAsync(ct);
    }

    private static (string Tx, string Id) Split(string? position) => position?.Split('|', 2) is [var tx, var id] ? (tx, id) : ("0", "");

    public override Task<List<WebhookDelivery>> DueDeliveriesAsync(TreuDbContext db, DateTime now, int limit, CancellationToken ct) =>
        db.WebhookDeliveries.FromSqlInterpolated($"""
            SELECT d.* FROM webhook_deliveries AS d
            WHERE d.status = 'pending' AND d.next_attempt_at <= {now} AND (d.claimed_until IS NULL OR d.claimed_until <= {now})
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries AS e WHERE e.subscription_id = d.subscription_id AND e.member_id = d.member_id
                              AND e.status = 'pending' AND e.member_seq < d.member_seq)
            ORDER BY d.next_attempt_at LIMIT {limit}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(ct);


}
