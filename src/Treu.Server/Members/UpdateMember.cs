using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Admin;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>
/// A change of a member's profile, cards and consents, and — by staff with an admin key — of status, tags and attributes
/// (they decide what rules give). A birth date decides the birthday bonus: any channel may give one the member does not
/// have yet, but only an admin key may change it once it is set.
/// </summary>
public sealed class UpdateMember(TreuDbContext db, MemberLedgerStore ledger, AuditTrail audit, TimeProvider clock, DomainEvents events)
{
    public sealed record Order(Caller Caller, string MemberId, ProfileChange Change, ConsentInput[]? Consents);

    public Result<Order> Check(Caller caller, string memberId, UpdateMemberRequest body)
    {
        var check = new Validation();
        var email = body.Email is "" ? "" : MemberChecks.Contact(check, "email", body.Email, EmailAddress.Normalize, "is not a valid e-mail address");
        var phone = body.Phone is ""
            ? ""
            : MemberChecks.Contact(check, "phone", body.Phone, PhoneNumber.Normalize, "must be an international number in E.164 form, e.g. +491701234567");
        var addCards = MemberChecks.Cards(check, "addCards", body.AddCards);
        var removeCards = MemberChecks.Cards(check, "removeCards", body.RemoveCards);
        MemberChecks.Profile(check, body.FirstName, body.LastName, body.BirthDate, body.Language, clock);
        MemberChecks.Consents(check, body.Consents);
        check.MaxLength("blockedReason", body.BlockedReason, 500);
        var tags = MemberChecks.Tags(check, body.Tags);
        MemberChecks.Attributes(check, body.Attributes);
        MemberStatus? status = null;
        if (body.Status is not null)
        {
            if (Enum.TryParse<MemberStatus>(body.Status, ignoreCase: true, out var parsed) && parsed != MemberStatus.Erased && body.Status.All(char.IsAsciiLetter))
            {
                status = parsed;
            }
            else
            {
                check.Add("status", "must be 'active' or 'blocked'");
            }
        }

        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        if ((status is not null || body.BlockedReason is not null) && !caller.IsAdmin)
        {
            return HttpErrors.ForbiddenScope.With("Only an admin key may block or unblock a member.");
        }

        if ((body.Tags is not null || body.Attributes is not null) && !caller.IsAdmin)
        {
            return HttpErrors.ForbiddenScope.With("Only an admin key may change a member's tags and attributes: they decide what rules give.");
        }

        var change = new ProfileChange(email, phone, body.FirstName, body.LastName, body.BirthDate, body.Language, tags, body.Attributes, status, body.BlockedReason)
        {
            AddCards = addCards,
            RemoveCards = removeCards,
        };
        return new Order(caller, memberId, change, body.Consents);
    }

    public async Task<Result<MemberView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, change) = (order.Caller, order.Change);
        // Locked, as every write of a member that may record an event: the event takes its number from the member row.
        var member = await ledger.LockAsync(caller.ProgramId, order.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(order.MemberId);
        }

        await db.Entry(member).Collection(m => m.Cards).LoadAsync(ct);
        await db.Entry(member).Collection(m => m.Consents).LoadAsync(ct);

        if (change.BirthDate is { } birthDate && member.BirthDate is { } known && birthDate != known && !caller.IsAdmin)
        {
            return HttpErrors.ForbiddenScope.With("Only an admin key may change a birth date once it is set: it decides the birthday bonus.", "birthDate");
        }

        var (taken, _) = await MemberUniqueness.TakenAsync(db, caller.ProgramId, member.Id, change.Email is "" ? null : change.Email,
            change.Phone is "" ? null : change.Phone, change.AddCards, null, ct);
        if (taken is not null)
        {
            return taken;
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var statusBefore = member.Status;
        if (member.Apply(change, now) is { } refused)
        {
            return refused;
        }

        var before = MemberView.From(member).Consents.ToDictionary(c => c.Purpose, c => c.Granted, StringComparer.Ordinal);
        var given = EnrolMember.ConsentsOf(member, order.Consents, caller.Channel, now).ToList();
        member.Consents.AddRange(given);
        foreach (var consent in given.Where(c => !before.TryGetValue(c.Purpose, out var granted) || granted != c.Granted).DistinctBy(c => c.Purpose))
        {
            events.Record(member, EventTypes.ConsentChanged, new ConsentChanged(member.Id, consent.Purpose, consent.Granted, consent.TextVersion, consent.Channel), now);
        }

        if (change.Status is { } status && status != statusBefore)
        {
            audit.Record(caller, status == MemberStatus.Blocked ? "member.blocked" : "member.unblocked", "member", member.Id, new { reason = member.BlockedReason });
        }

        return MemberView.From(member);
    }
}
