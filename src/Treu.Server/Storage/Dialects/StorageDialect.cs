using Treu.Domain.Members;
using Treu.Server.Rules;

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

    /// <summary>Which of these external references, e-mails, phones, cards and member numbers the program already has.</summary>
    public abstract Task<List<TakenIdentifier>> FindTakenAsync(TreuDbContext db, string programId, IdentifierSet wanted, CancellationToken ct);

    /// <summary>Fresh planner statistics for the tables that members are looked up in (members, cards), where the database keeps any.</summary>
    public abstract Task AnalyzeMemberIdentifiersAsync(TreuDbContext db, CancellationToken ct);

    /// <summary>Settings that stay with the database, applied after migrations.</summary>
    public abstract Task PrepareAsync(TreuDbContext db, CancellationToken ct);
}
