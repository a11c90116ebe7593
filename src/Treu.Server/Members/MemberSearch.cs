using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>
/// Support's search box: one text that may be an e-mail address, a phone number, a card, a member number or a name. Every
/// kind is answered by an index (a name by the start of the first or the last name), one page at a time, so that a search
/// among a million members is as quick as among a hundred.
/// </summary>
public sealed class MemberSearch(TreuDbContext db)
{
    public const int PageSize = 25;

    public sealed record Hit(string Id, string MemberNumber, string? FirstName, string? LastName, string? Email, string? Phone, MemberStatus Status, long Available, long Pending);

    public async Task<IReadOnlyList<Hit>> RunAsync(string programId, string? text, CancellationToken ct)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 254)
        {
            return [];
        }

        var members = db.Members.AsNoTracking().Where(m => m.ProgramId == programId);
        IQueryable<Member> found;
        if (text.Contains('@'))
        {
            var email = EmailAddress.Normalize(text);
            found = members.Where(m => m.Email == email);
        }
        else if (MemberNumber.IsValid(text))
        {
            found = members.Where(m => m.MemberNumber == text);
        }
        else if (text.StartsWith('+') && PhoneNumber.Normalize(text) is { } phone)
        {
            found = members.Where(m => m.Phone == phone);
        }
        else if (text.Any(char.IsAsciiDigit) && CardNumber.Normalize(text) is { } card)
        {
            found = members.Where(m => m.Id == db.MemberCards.Where(c => c.ProgramId == programId && c.Number == card).Select(c => c.MemberId).FirstOrDefault());
        }
        else
        {
            // Names are kept as written, mostly capitalised: the start of the name, as typed and capitalised, as a range of
            // the (program, name) index, then exactly in memory (a linguistic collation may let a neighbour into the range).
            var prefixes = new[] { text, char.ToUpperInvariant(text[0]) + text[1..] }.Distinct().ToArray();
            var hits = new List<Hit>();
            foreach (var prefix in prefixes)
            {
                var end = prefix[..^1] + (char)(prefix[^1] + 1);
                hits.AddRange(await Page(members.Where(m => m.LastName!.CompareTo(prefix) >= 0 && m.LastName.CompareTo(end) < 0).OrderBy(m => m.LastName), ct));
                hits.AddRange(await Page(members.Where(m => m.FirstName!.CompareTo(prefix) >= 0 && m.FirstName.CompareTo(end) < 0).OrderBy(m => m.FirstName), ct));
            }

            return hits.Where(h => Starts(h.LastName, text) || Starts(h.FirstName, text)).DistinctBy(h => h.Id)
                .OrderBy(h => h.LastName).ThenBy(h => h.FirstName).Take(PageSize).ToList();
        }

        return await Page(found, ct);
    }

    private static bool Starts(string? name, string text) => name?.StartsWith(text, StringComparison.OrdinalIgnoreCase) == true;

    private static Task<List<Hit>> Page(IQueryable<Member> members, CancellationToken ct) =>
        members.Take(PageSize).Select(m => new Hit(m.Id, m.MemberNumber, m.FirstName, m.LastName, m.Email, m.Phone, m.Status, m.Available, m.Pending)).ToListAsync(ct);
}
