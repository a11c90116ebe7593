using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Rules;

namespace Treu.Server.Storage;

/// <summary>
/// The reads a shared commit on PostgreSQL makes once for all of its writes instead of once per write: the first write
/// that locks its member locks every member of the batch (one <c>SELECT … FOR UPDATE</c>, in id order), and the first
/// that reads its capped rules' awards reads those of every member the batch has locked. Made per write, each
/// would be a statement of its own per purchase, and most of PostgreSQL's work per statement is the statement, not the plan.
/// <para>
/// A member's rows read here serve only that member's first write in the batch. Once anything of the batch has written a
/// member's rows, or a write of the member has taken them, the member's later writes read the database again (after the
/// lane has written the batch's rows so far, see <see cref="BatchedRows"/>). A read asked for with other parameters than
/// the batch's (another program, another day) is not served here: the caller reads for itself.
/// </para>
/// </summary>
public sealed class BatchReads(IEnumerable<string> members, IEnumerable<AnswerKey> answers)
{
    private readonly HashSet<string> _members = new(members.Where(m => m.Length > 0), StringComparer.Ordinal);
    private readonly HashSet<AnswerKey> _answers = [.. answers];
    private ILookup<AnswerKey, IdempotencyRecord>? _kept;
    private Dictionary<string, Member>? _locked;
    private string? _program;
    private readonly Dictionary<string, TreuDbContext> _holders = new(StringComparer.Ordinal);
    private (bool Ever, DateOnly Since)? _awardsAsked;
    private ILookup<string, RuleAward>? _awards;

    // Each read goes one member or key at a time, in the order given (members in id order), as the single reads it
    // replaces did: FOR UPDATE and OFFSET 0 keep PostgreSQL from turning the LATERAL into a join it may plan otherwise.
    // Written as "= ANY(array)" or as a join, they can be planned on a young database's statistics as a scan of the
    // program's whole awards, or as a hash join over every kept answer, many times the cost of the single reads. The
    // members are found by id alone: with the program in the condition too, PostgreSQL may take any index that begins
    // with the program while the table has no statistics yet.

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
            _locked = await db.Members.FromSqlInterpolated(
                    $"SELECT m.* FROM unnest({ids}) AS k(id) CROSS JOIN LATERAL (SELECT * FROM members WHERE id = k.id FOR UPDATE) m WHERE m.program_id = {programId}")
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
            var awards = await db.RuleAwards.FromSqlInterpolated(
                    $"""
                    SELECT a.* FROM unnest({ids}) AS m(id)
                    CROSS JOIN LATERAL (SELECT * FROM rule_awards r WHERE r.program_id = {programId} AND r.member_id = m.id AND ({ever} OR r.day >= {since}) OFFSET 0) a
                    """)
                .AsNoTracking().ToListAsync(ct);
            _awards = awards.ToLookup(a => a.MemberId, StringComparer.Ordinal);
        }

        return _awards[memberId].ToList();
    }

    /// <summary>
    /// The answers kept under any of the keys, from the batch's one look-up of all its writes' keys; null when the batch
    /// cannot answer (a key it was not given). No write of the batch writes another's key: a node runs one write per key at a time.
    /// </summary>
    public async Task<List<IdempotencyRecord>?> KeptAsync(TreuDbContext db, IReadOnlyList<AnswerKey> keys, CancellationToken ct)
    {
        if (keys.Count == 0 || !keys.All(_answers.Contains))
        {
            return null;
        }

        if (_kept is null)
        {
            var all = _answers.ToList();
            var (programs, scopes, names) = (all.Select(k => k.ProgramId).ToArray(), all.Select(k => k.Scope).ToArray(), all.Select(k => k.Key).ToArray());
            var found = await db.IdempotencyRecords.FromSqlInterpolated(
                    $"""
                    SELECT r.* FROM unnest({programs}, {scopes}, {names}) AS k(p, s, k)
                    CROSS JOIN LATERAL (SELECT * FROM idempotency_records i WHERE i.program_id = k.p AND i.scope = k.s AND i.key = k.k OFFSET 0) r
                    """)
                .AsNoTracking().ToListAsync(ct);
            _kept = found.ToLookup(r => new AnswerKey(r.ProgramId, r.Scope, r.Key));
        }

        return keys.SelectMany(k => _kept[k]).ToList();
    }

    /// <summary>
    /// A write of the batch has written rows of these owners (member ids; "" or null for rows of no member): what was read
    /// of those members before is stale.
    /// </summary>
    public void Written(IEnumerable<string?> owners)
    {
        foreach (var member in owners.OfType<string>())
        {
            _members.Remove(member);
            _locked?.Remove(member);
            _holders.Remove(member);
        }
    }
}
