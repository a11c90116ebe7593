using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Rules;

namespace Treu.Server.Storage;

/// <summary>
/// The reads a shared commit on PostgreSQL makes once for all of its writes instead of once per write: the first write
/// that locks its member locks every member of the batch (one <c>SELECT … FOR UPDATE</c>, in id order), and the first
/// that reads its capped rules' awards reads those of every member the batch has locked. On the load benchmark each of
/// these was a statement of its own per purchase, and most of PostgreSQL's work per statement is the statement, not the plan.
/// <para>
/// A member's rows read here serve only that member's first write in the batch. Once anything of the batch has written a
/// member's rows, or a write of the member has taken them, the member's later writes read the database again (after the
/// lane has written the batch's rows so far, see <see cref="BatchedRows"/>). A read asked for with other parameters than
/// the batch's (another program, another day) is not served here: the caller reads for itself.
/// </para>
/// </summary>
public sealed class BatchReads(IEnumerable<string> members)
{
    private readonly HashSet<string> _members = new(members.Where(m => m.Length > 0), StringComparer.Ordinal);
    private Dictionary<string, Member>? _locked;
    private string? _program;
    private readonly Dictionary<string, TreuDbContext> _holders = new(StringComparer.Ordinal);
    private (bool Ever, DateOnly Since)? _awardsAsked;
    private ILookup<string, RuleAward>? _awards;

    /// <summary>
    /// The member locked for this write, from the batch's one lock of all its members; <c>Served</c> is false when the
    /// batch cannot answer (the caller locks the member itself).
    /// </summary>
    public async Task<(bool Served, Member? Member)> LockMemberAsync(TreuDbContext db, string programId, string memberId, CancellationToken ct)
    {
        if (!_members.Contains(memberId) || (_program is not null && _program != programId))
        {
            return (false, null);
        }

        if (_locked is null)
        {
            _program = programId;
            var ids = _members.Order(StringComparer.Ordinal).ToArray();
            _locked = await db.Members.FromSqlInterpolated($"SELECT * FROM members WHERE program_id = {programId} AND id = ANY({ids}) ORDER BY id FOR UPDATE")
                .AsNoTracking().ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, ct);
        }

        // Whatever the answer, it serves this write only.
        _members.Remove(memberId);
        if (!_locked.Remove(memberId, out var member))
        {
            return (true, null);
        }

        db.Members.Attach(member);
        _holders[memberId] = db;
        return (true, member);
    }

    /// <summary>
    /// The member's awards of capped rules (all of them when <paramref name="ever"/>, else those since the day given), for
    /// the write that took the member from <see cref="LockMemberAsync"/>; null when the batch cannot answer.
    /// </summary>
    public async Task<List<RuleAward>?> AwardsAsync(TreuDbContext db, string programId, string memberId, bool ever, DateOnly since, CancellationToken ct)
    {
        if (programId != _program || !_holders.Remove(memberId, out var holder) || holder != db
            || (_awardsAsked is { } asked && asked != (ever, since)))
        {
            return null;
        }

        if (_awards is null)
        {
            _awardsAsked = (ever, since);
            // The locked members whose first write is still to come, and this one.
            var ids = _locked!.Keys.Append(memberId).ToArray();
            var awards = await AwardsOf.For(db)(db, programId, ids, ever, since).ToListAsync(ct);
            _awards = awards.ToLookup(a => a.MemberId, StringComparer.Ordinal);
        }

        return _awards[memberId].ToList();
    }

    /// <summary>A write of the batch has written rows of these members: what was read of them before is stale.</summary>
    public void Written(IEnumerable<string> members)
    {
        foreach (var member in members)
        {
            _members.Remove(member);
            _locked?.Remove(member);
            _holders.Remove(member);
        }
    }

    private static readonly CompiledQuery<Func<TreuDbContext, string, string[], bool, DateOnly, IAsyncEnumerable<RuleAward>>> AwardsOf = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string[] members, bool ever, DateOnly since) => db.RuleAwards.AsNoTracking()
            .Where(a => a.ProgramId == programId && members.Contains(a.MemberId) && (ever || a.Day >= since))));
}
