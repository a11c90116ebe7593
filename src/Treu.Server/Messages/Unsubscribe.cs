using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Events;
using Treu.Server.Storage;

namespace Treu.Server.Messages;

/// <summary>
/// A member's one-click unsubscribe (RFC 8058): withdraws the <c>marketing_email</c> consent, recorded as every consent is
/// (the channel <c>email</c>, the time) and told to other systems by <c>consent.changed</c>. Transactional messages go on.
/// Unsubscribing twice changes nothing the second time.
/// </summary>
public sealed class Unsubscribe(TreuDbContext db, MemberLedgerStore ledger, UnsubscribeLinks links, DomainEvents events, TimeProvider clock)
{
    /// <summary>The consent text version an unsubscribe records: the member's own word, not a text they were shown.</summary>
    public const string TextVersion = "one-click-unsubscribe";

    public async Task<Result<bool>> RunAsync(string token, CancellationToken ct)
    {
        if (links.Read(token) is not var (programId, memberId))
        {
            return MessageErrors.UnsubscribeLinkInvalid.With("This unsubscribe link is not one Treu made.");
        }

        var member = await ledger.LockAsync(programId, memberId, ct);
        if (member is null || member.Status == MemberStatus.Erased)
        {
            // Nothing to withdraw: an erased member gets no message at all.
            return true;
        }

        await db.Entry(member).Collection(m => m.Consents).LoadAsync(ct);
        var latest = member.Consents.Where(c => c.Purpose == SendMessage.MarketingConsent).OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).FirstOrDefault();
        if (latest is not { Granted: true })
        {
            return true;
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        member.Consents.Add(new Consent
        {
            ProgramId = programId,
            MemberId = memberId,
            Purpose = SendMessage.MarketingConsent,
            Granted = false,
            TextVersion = TextVersion,
            Channel = "email",
            RecordedAt = now,
        });
        events.Record(member, EventTypes.ConsentChanged, new ConsentChanged(memberId, SendMessage.MarketingConsent, false, TextVersion, "email"), now);
        return true;
    }
}
