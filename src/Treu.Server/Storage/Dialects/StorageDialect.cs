using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Events;
using Treu.Server.Rules;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.Dialects;

/// <summary>
/// What SQLite and PostgreSQL do differently, in one place per database: row locks, set-based look-ups, statistics.
/// Everything outside <c>Storage/</c> asks through here (or through <see cref="MemberLedgerStore"/>) and never writes
/// provider SQL of its own.
/// </summary>
public abstract class StorageDialect
{
    /// <summary>Writers that pay off side by side for bulk work (an import's chunks, a job's batches).</summary>
    public abstract int ParallelWriters { get; }

    /// <summary>Batches a job may work side by side: on SQLite one, as it has one writer.</summary>
    public abstract int JobBatchesAtOnce(int configured);

    /// <summary>The member's row, locked for the rest of the transaction; null when the program has no such member.</summary>
    public abstract Task<Member?> LockMemberAsync(TreuDbContext db, string programId, string memberId, CancellationToken ct);

    /// <summary>
    /// The members' rows, locked in id order for the rest of the transaction, untracked; on PostgreSQL skipping rows another
    /// transaction holds (a job picks those up on its next run instead of waiting for a till).
    /// </summary>
    public abstract Task<List<Member>> LockMembersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>The members with these external references, locked in id order, untracked.</summary>
    public abstract Task<List<Member>> LockMembersByRefAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> refs, CancellationToken ct);

    /// <summary>A capped rule's budget row, locked (after the member) so that two tills cannot both spend its last points.</summary>
    public abstract Task<RuleBudget?> LockBudgetAsync(TreuDbContext db, string programId, string ruleId, CancellationToken ct);

    /// <summary>
    /// A voucher by its canonical code, locked for the rest of the transaction (after the member, if any) so that two
    /// tills cannot both use it; tracked. Null when the program has no such code.
    /// </summary>
    public abstract Task<Voucher?> LockVoucherAsync(TreuDbContext db, string programId, string code, CancellationToken ct);

    /// <summary>Vouchers by id, locked in id order, tracked; on PostgreSQL skipping rows another transaction holds (a job's batch).</summary>
    public abstract Task<List<Voucher>> LockVouchersSkippingBusyAsync(TreuDbContext db, string programId, IReadOnlyCollection<string> ids, CancellationToken ct);

    /// <summary>A coupon campaign's row with its counts, locked so that a coupon for 1,000 uses is used 1,000 times; tracked.</summary>
    public abstract Task<CouponCampaign?> LockCouponCampaignAsync(TreuDbContext db, string programId, string campaignId, CancellationToken ct);

    /// <summary>A reward's stock row, locked (after the member) so that its last item goes to exactly one member; tracked.</summary>
    public abstract Task<RewardStock?> LockRewardStockAsync(TreuDbContext db, string programId, string rewardId, CancellationToken ct);

    /// <summary>Which of these external references, e-mails, phones, cards and member numbers the program already has.</summary>
    public abstract Task<List<TakenIdentifier>> FindTakenAsync(TreuDbContext db, string programId, IdentifierSet wanted, CancellationToken ct);

    /// <summary>Fresh planner statistics for the tables that members are looked up in (members, cards), where the database keeps any.</summary>
    public abstract Task AnalyzeMemberIdentifiersAsync(TreuDbContext db, CancellationToken ct);


    /// <summary>
    /// Domain events in the order their commits can no longer be overtaken, after the position <paramref name="after"/>
    /// (null: from the start), at most <paramref name="limit"/>. SQLite has one writer, so its row order is the commit order;
    /// PostgreSQL numbers each event with its transaction and hands out only those below the oldest transaction still running.
    /// </summary>
    public abstract Task<List<PositionedEvent>> EventsAfterAsync(TreuDbContext db, string? after, int limit, CancellationToken ct);

    /// <summary>
    /// The position of the last event <see cref="EventsAfterAsync"/> could hand out now, without reading any event's row
    /// (an index's last entry); null when there is none.
    /// </summary>
    public abstract Task<string?> LastEventPositionAsync(TreuDbContext db, CancellationToken ct);

    /// <summary>
    /// Whether a member's later event can become readable before an earlier one (PostgreSQL: the later one's transaction
    /// may be older). Then the router looks for the earlier ones with <see cref="UnreadEventsOfAsync"/>.
    /// </summary>
    public abstract bool EventsOvertake { get; }

    /// <summary>The events of these members, in the seq range [From, Below), that come after position <paramref name="after"/>: read later by the scan.</summary>
    public abstract Task<List<PositionedEvent>> UnreadEventsOfAsync(TreuDbContext db, IReadOnlyList<(string MemberId, long From, long Below)> members, string after,
        CancellationToken ct);

    /// <summary>
    /// Claims due webhook deliveries (tracked): pending, due, not claimed by a node now, and the first still pending of
    /// their member at their subscription. PostgreSQL skips rows another node is claiming.
    /// </summary>
    public abstract Task<List<WebhookDelivery>> DueDeliveriesAsync(TreuDbContext db, DateTime now, int limit, CancellationToken ct);


    /// <summary>Settings that stay with the database, applied after migrations.</summary>
    public abstract Task PrepareAsync(TreuDbContext db, CancellationToken ct);
}
