using System.Linq.Expressions;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>
/// Identifies a member at the till or in the webshop by exactly one of e-mail, phone, card, member number or the wallet's
/// QR token. A malformed identifier is the caller's mistake (400: fix the input); a well-formed one nobody has is a 404.
/// </summary>
public sealed class FindMember(TreuDbContext db, ProgramSettings programs, TimeProvider clock)
{
    public sealed record Query(string? Email = null, string? Phone = null, string? Card = null, string? Number = null, string? Qr = null);

    public async Task<Result<MemberView>> RunAsync(Caller caller, Query query, CancellationToken ct)
    {
        var match = await MatchAsync(caller.ProgramId, query, ct);
        if (match.Failure is { } failure)
        {
            return failure;
        }

        // The till waits for this answer: one round trip finds the member with its cards and consents.
        return await MemberQueries.LoadAsync(db, caller.ProgramId, match.Value, ct) is { } member
            ? MemberView.From(member)
            : MemberErrors.NotFound.With("No member matches.");
    }

    private async Task<Result<Expression<Func<Member, bool>>>> MatchAsync(string programId, Query query, CancellationToken ct)
    {
        var (email, phone, card, number, qr) = (query.Email, query.Phone, query.Card, query.Number, query.Qr);
        if (new[] { email, phone, card, number, qr }.Count(v => v is not null) != 1)
        {
            return CommonErrors.ValidationFailed.With("Give exactly one of email, phone, card, number or qr.");
        }

        if (qr is not null)
        {
            if (qr.Length == 0)
            {
                return CommonErrors.InvalidField("qr", "must not be empty");
            }

            var program = await programs.GetAsync(programId, ct);
            if (QrToken.Verify(qr, clock.GetUtcNow().UtcDateTime, program.QrSecret) is not { } memberId)
            {
                return MemberErrors.NotFound.With("The QR code is invalid or has expired. Ask the member to refresh it in the wallet.");
            }

            return Match(m => m.Id == memberId);
        }

        if (card is not null)
        {
            if (CardNumber.Normalize(card) is not { } normalized)
            {
                return CommonErrors.InvalidField("card", "is not a card number (6 to 32 letters or digits)");
            }

            // A sub-query on the card's primary key, evaluated once, then the member by its own.
            return Match(m => m.Id == db.MemberCards.Where(c => c.ProgramId == programId && c.Number == normalized).Select(c => c.MemberId).FirstOrDefault());
        }

        if (email is not null)
        {
            return EmailAddress.Normalize(email) is { } normalized
                ? Match(m => m.Email == normalized)
                : CommonErrors.InvalidField("email", "is not a valid e-mail address");
        }

        if (phone is not null)
        {
            return PhoneNumber.Normalize(phone) is { } normalized
                ? Match(m => m.Phone == normalized)
                : CommonErrors.InvalidField("phone", "must be an international number in E.164 form, e.g. +491701234567");
        }

        if (MemberNumber.IsValid(number))
        {
            return Match(m => m.MemberNumber == number);
        }

        return number!.Length == MemberNumber.Length && number.All(char.IsAsciiDigit)
            ? CommonErrors.InvalidField("number", "check digit does not match: check the number for a typo")
            : CommonErrors.InvalidField("number", $"must be the {MemberNumber.Length}-digit member number");
    }

    private static Result<Expression<Func<Member, bool>>> Match(Expression<Func<Member, bool>> match) => match;
}
