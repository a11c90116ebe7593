using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>What must be unique among a program's members: e-mail, phone, cards and member number.</summary>
public static class MemberUniqueness
{
    /// <summary>
    /// Whether another member of the program uses the e-mail address, the phone number or one of the cards (the failure for
    /// the first of them, in that order), and whether a member already has <paramref name="number"/>. One statement: inside a
    /// shared commit each round trip holds up the batch's other writes.
    /// </summary>
    public static async Task<(Failure? Failure, bool NumberTaken)> TakenAsync(TreuDbContext db, string programId, string? self, string? email, string? phone,
        IReadOnlyCollection<string> cards, string? number, CancellationToken ct)
    {
        var cardNumbers = cards.ToList();
        var found = await db.Programs.Where(p => p.Id == programId).Select(p => new
        {
            Email = email != null && db.Members.Any(m => m.ProgramId == programId && m.Id != self && m.Email == email),
            Phone = phone != null && db.Members.Any(m => m.ProgramId == programId && m.Id != self && m.Phone == phone),
            Card = cardNumbers.Count > 0 && db.MemberCards.Any(c => c.ProgramId == programId && cardNumbers.Contains(c.Number) && c.MemberId != self),
            Number = number != null && db.Members.Any(m => m.ProgramId == programId && m.MemberNumber == number),
        }).SingleAsync(ct);

        var failure = found.Email ? MemberErrors.EmailTaken.With("Another member already uses this e-mail address.", "email")
            : found.Phone ? MemberErrors.PhoneTaken.With("Another member already uses this phone number.", "phone")
            : found.Card ? MemberErrors.CardTaken.With("A card number is already registered to another member.", "cards")
            : null;
        return (failure, found.Number);
    }

    /// <summary>A member number nobody in the program has. 10^9 numbers: a clash is rare, and a few tries make it vanishingly so.</summary>
    public static async Task<string> FreeNumberAsync(TreuDbContext db, string programId, CancellationToken ct)
    {
        for (var i = 0; i < 10; i++)
        {
            var number = MemberNumber.New();
            if (!await db.Members.AnyAsync(m => m.ProgramId == programId && m.MemberNumber == number, ct))
            {
                return number;
            }
        }

        throw new InvalidOperationException("No free member number after 10 tries.");
    }
}
