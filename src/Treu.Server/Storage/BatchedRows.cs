using System.Data.Common;

namespace Treu.Server.Storage;

/// <summary>
/// The rows of a group commit's batch, written together just before it commits: one INSERT per table for all of the batch's
/// purchases instead of one per request, in one round trip. A request's rows wait here only while no other request of the
/// batch can read them: its own member's data (the lane writes what it holds for a member before running that member's next
/// write) and its idempotency records. A row any request may read, such as a campaign's budget, is written at once, with
/// everything held before it.
/// </summary>
public sealed class BatchedRows
{
    private readonly List<DirectSave.Row> _rows = [];
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);

    /// <summary>Whether rows of this member are waiting: the member's next write must not read around them.</summary>
    public bool Holds(string member) => _members.Contains(member);

    /// <summary>Takes a request's changes, made under the member's commit group ("" for none).</summary>
    public async Task SaveAsync(TreuDbContext db, string member, DbTransaction transaction, CancellationToken ct)
    {
        if (DirectSave.Take(db) is not { } rows)
        {
            // Only EF Core's pipeline can write these: everything held goes first, in order.
            db.Batch?.Written(DirectSave.Owners(db));
            await FlushAsync(transaction, ct);
            await db.SaveChangesAsync(ct);
            return;
        }

        db.Batch?.Written(rows.Select(r => r.Owner));
        _rows.AddRange(rows);
        if (member.Length > 0 && rows.All(r => r.Owner == "" || r.Owner == member))
        {
            _members.Add(member);
        }
        else if (!rows.All(r => r.Owner == ""))
        {
            await FlushAsync(transaction, ct);
        }
    }

    public async Task FlushAsync(DbTransaction transaction, CancellationToken ct)
    {
        var rows = _rows.ToList();
        Clear();
        await DirectSave.WriteAsync(transaction, rows, ct);
    }

    public void Clear()
    {
        _rows.Clear();
        _members.Clear();
    }
}
