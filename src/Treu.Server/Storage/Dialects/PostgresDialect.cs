using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Rules;

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
}
