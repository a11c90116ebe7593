using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Rules;

namespace Treu.Server.Storage;

/// <summary>
/// The hot path's one way into the database: a write use case locks its member here, reads the member's lots, awards and
/// kept answers here, and hands its new rows here. Only this class decides whether a read is served by the shared commit's
/// batch (<see cref="BatchReads"/>, PostgreSQL) or made on its own, and only the dialect below it writes provider SQL.
/// Call it inside <see cref="WriteTransaction"/>.
/// </summary>
public sealed class MemberLedgerStore(TreuDbContext db)
{
    /// <summary>
    /// The member's row, locked for the rest of the transaction so that two tills cannot both spend the same points
    /// (SQLite's write transaction already holds the database-wide write lock); null when the program has no such member.
    /// </summary>
    public async Task<Member?> LockAsync(string programId, string memberId, CancellationToken ct)
    {
        if (db.Batch is { } batch && await batch.LockMemberAsync(db, programId, memberId, ct) is (true, var locked))
        {
            return locked;
        }

        return await db.Dialect.LockMemberAsync(db, programId, memberId, ct);
    }

    /// <summary>
    /// Two members, each found by exactly its own id and locked in id order, so that two opposite transfers cannot deadlock.
    /// Either may be null: the caller learns which one the program does not have.
    /// </summary>
    public async Task<(Member? First, Member? Second)> LockBothAsync(string programId, string first, string second, CancellationToken ct)
    {
        var inOrder = string.CompareOrdinal(first, second) <= 0;
        var earlier = await LockAsync(programId, inOrder ? first : second, ct);
        var later = await LockAsync(programId, inOrder ? second : first, ct);
        return inOrder ? (earlier, later) : (later, earlier);
    }

    /// <summary>The member's lots that can be spent now, in no particular order (see <see cref="PointsLot.InSpendingOrder"/>).</summary>
    public ValueTask<List<PointsLot>> AvailableLotsAsync(string memberId, CancellationToken ct) =>
        AvailableLotsOf.For(db)(db, memberId).ToListAsync(ct);

    // Runs inside the write lane for every redemption.
    private static readonly CompiledQuery<Func<TreuDbContext, string, IAsyncEnumerable<PointsLot>>> AvailableLotsOf = new(() => EF.CompileAsyncQuery(
        (TreuDbContext db, string memberId) => db.Lots.Where(l => l.MemberId == memberId && l.State == LotState.Available && l.Remaining > 0)));

    public Task<PointsLot?> LotAsync(string lotId, CancellationToken ct) => db.Lots.SingleOrDefaultAsync(l => l.Id == lotId, ct);

    /// <summary>
    /// The member's awards of capped rules: all of them when <paramref name="ever"/>, else those since <paramref name="since"/>.
    /// Untracked; the member must be locked.
    /// </summary>
    public async Task<List<RuleAward>> AwardsAsync(string programId, string memberId, bool ever, DateOnly since, CancellationToken ct) =>
        (db.Batch is { } batch ? await batch.AwardsAsync(db, programId, memberId, ever, since, ct) : null)
        ?? await AwardsOf.For(db)(db, programId, memberId, ever, since).ToListAsync(ct);

    // Runs inside the write lane for every purchase when capped rules are in force. The member's awards are few and found
    // through the (member, day) index either way; the capped rules are picked out by the caller, not with a list parameter
    // (json_each on SQLite), which costs more inside the lane than the few rows it would leave out.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, bool, DateOnly, IAsyncEnumerable<RuleAward>>> AwardsOf = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string memberId, bool ever, DateOnly since) => db.RuleAwards.AsNoTracking()
            .Where(a => a.ProgramId == programId && a.MemberId == memberId && (ever || a.Day >= since))));

    /// <summary>A capped rule's budget, locked after the member so that two tills cannot both spend its last points; tracked.</summary>
    public Task<RuleBudget?> LockBudgetAsync(string programId, string ruleId, CancellationToken ct) => db.Dialect.LockBudgetAsync(db, programId, ruleId, ct);

    /// <summary>
    /// Whether a write that may share a commit looks its kept answers up inside the batch, with those of the batch's other
    /// writes, in one statement (PostgreSQL), rather than before it starts (SQLite, where a read is a call into the process
    /// and the look-up should stay outside the one write lane).
    /// </summary>
    public bool KeptAnswersReadInBatch => db.IsPostgres;

    /// <summary>The answers kept under any of the keys; inside a shared commit, from the batch's one look-up of all its writes' keys.</summary>
    public async Task<List<IdempotencyRecord>> KeptAsync(IReadOnlyList<AnswerKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        if (db.Batch is { } batch && await batch.KeptAsync(db, keys, ct) is { } inBatch)
        {
            return inBatch;
        }

        var found = new List<IdempotencyRecord>();
        for (var i = 0; i < keys.Count; i += 2)
        {
            var records = i + 1 < keys.Count
                ? TwoKeys.For(db)(db, keys[i].ProgramId, keys[i].Scope, keys[i].Key, keys[i + 1].Scope, keys[i + 1].Key)
                : OneKey.For(db)(db, keys[i].ProgramId, keys[i].Scope, keys[i].Key);
            found.AddRange(await records.ToListAsync(ct));
        }

        return found;
    }

    // One key or two at a time (a request has at most its natural key and a header key), each on the primary key: written
    // as "scope IN (…) AND key IN (…)", PostgreSQL scanned every record of the program. Compiled, as every write looks its keys up.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, string, IAsyncEnumerable<IdempotencyRecord>>> OneKey = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string scope, string key) =>
            db.IdempotencyRecords.AsNoTracking().Where(r => r.ProgramId == programId && r.Scope == scope && r.Key == key)));

    private static readonly CompiledQuery<Func<TreuDbContext, string, string, string, string, string, IAsyncEnumerable<IdempotencyRecord>>> TwoKeys = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string scope0, string key0, string scope1, string key1) =>
            db.IdempotencyRecords.AsNoTracking().Where(r => r.ProgramId == programId && ((r.Scope == scope0 && r.Key == key0) || (r.Scope == scope1 && r.Key == key1)))));

    /// <summary>The posting's new entries and lots, for the unit of work's save (the member and the lots it changed are tracked).</summary>
    public void Post(LedgerPosting posting)
    {
        db.InsertRange(posting.Entries);
        db.InsertRange(posting.NewLots);
    }

    /// <summary>A new row the unit of work only inserts (see <see cref="TreuDbContext.Insert{T}"/>).</summary>
    public void Insert<T>(T row) where T : class => db.Insert(row);

    public void InsertRange<T>(IEnumerable<T> rows) where T : class => db.InsertRange(rows);
}
