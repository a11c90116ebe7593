using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Purchases;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>
/// A member's whole story on one screen (the console's 360° view): the profile with cards, every consent given or
/// withdrawn, the ledger, and the purchases with their lines and returns. Each part is read by the member's own indexes,
/// a page at a time; the names of staff who moved points are looked up for the ledger.
/// </summary>
public sealed class MemberStory(TreuDbContext db)
{
    public const int PurchasesPerPage = 10;

    public sealed record Profile(Member Member, IReadOnlyList<Consent> ConsentHistory);

    public sealed record PurchaseStory(Purchase Purchase, IReadOnlyList<PurchaseReturn> Returns);

    public sealed record LedgerPage(IReadOnlyList<LedgerEntry> Entries, long Total, IReadOnlyDictionary<string, string> ActorNames);

    public async Task<Profile?> ProfileAsync(string programId, string memberId, CancellationToken ct)
    {
        var member = await MemberQueries.LoadAsync(db, programId, memberId, ct);
        if (member is null)
        {
            return null;
        }

        var consents = await db.Consents.AsNoTracking().Where(c => c.MemberId == memberId && c.ProgramId == programId)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Take(200).ToListAsync(ct);
        return new Profile(member, consents);
    }

    /// <summary>The ledger, newest first: a member's entries are numbered 1 to <see cref="Member.LastSeq"/>, so a page is a range of them.</summary>
    public async Task<LedgerPage> LedgerAsync(string programId, string memberId, int skip, int take, CancellationToken ct)
    {
        var last = await db.Members.AsNoTracking().Where(m => m.ProgramId == programId && m.Id == memberId).Select(m => m.LastSeq).FirstOrDefaultAsync(ct);
        var (from, to) = (last - skip - take, last - skip);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.MemberId == memberId && e.Seq > from && e.Seq <= to)
            .OrderByDescending(e => e.Seq).ToListAsync(ct);
        return new LedgerPage(entries, last, await Staff.StaffDirectory.NamesAsync(db, programId, entries.Select(e => e.Actor), ct));
    }

    /// <summary>The member's purchases, newest first, with their lines and the returns made of them.</summary>
    public async Task<(IReadOnlyList<PurchaseStory> Page, bool More)> PurchasesAsync(string programId, string memberId, int skip, CancellationToken ct)
    {
        var purchases = await db.Purchases.AsNoTracking().Include(p => p.Lines).AsSplitQuery()
            .Where(p => p.MemberId == memberId && p.ProgramId == programId)
            .OrderByDescending(p => p.OccurredAt).ThenByDescending(p => p.Id).Skip(skip).Take(PurchasesPerPage + 1).ToListAsync(ct);
        var ids = purchases.Select(p => p.Id).ToList();
        var returns = ids.Count == 0 ? [] : await db.Returns.AsNoTracking().Include(r => r.Lines).AsSplitQuery().Where(r => ids.Contains(r.PurchaseId)).ToListAsync(ct);
        var stories = purchases.Take(PurchasesPerPage)
            .Select(p => new PurchaseStory(p, returns.Where(r => r.PurchaseId == p.Id).OrderBy(r => r.RecordedAt).ToList())).ToList();
        return (stories, purchases.Count > PurchasesPerPage);
    }
}
