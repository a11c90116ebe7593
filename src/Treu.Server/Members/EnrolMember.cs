using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Members;

/// <summary>
/// A shopper joins, from any channel, with at least one of e-mail, phone or card and the consents they gave. The bulk
/// import enrols through <see cref="Check(Validation, EnrolMemberRequest)"/> and <see cref="NewMember"/> too, so an imported member obeys the same rules;
/// only an enrolment through the API writes member.enrolled, so that an import of a customer base sends no welcome messages.
/// </summary>
public sealed class EnrolMember(TreuDbContext db, TimeProvider clock, DomainEvents events)
{
    public sealed record Order(Caller Caller, EnrolMemberRequest Request, EnrolmentContacts Contacts, string Channel, string? StoreId);

    public Result<Order> Check(Caller caller, EnrolMemberRequest body)
    {
        var check = new Validation();
        var contacts = Check(check, body);
        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((check.ToFailure() ?? channel.Failure ?? store.Failure) is { } refused)
        {
            return refused;
        }

        return new Order(caller, body, contacts, channel.Value, store.Value);
    }

    /// <summary>The enrolment's checks: contacts normalised, at least one of them, profile and consents.</summary>
    public EnrolmentContacts Check(Validation check, EnrolMemberRequest body)
    {
        var email = MemberChecks.Contact(check, "email", body.Email, EmailAddress.Normalize, "is not a valid e-mail address");
        var phone = MemberChecks.Contact(check, "phone", body.Phone, PhoneNumber.Normalize, "must be an international number in E.164 form, e.g. +491701234567");
        var cards = MemberChecks.Cards(check, "cards", body.Cards);
        if (email is null && phone is null && cards.Count == 0 && check.IsValid)
        {
            check.Add("email", "an e-mail address, a phone number or a card number is required");
        }

        MemberChecks.Profile(check, body.FirstName, body.LastName, body.BirthDate, body.Language, clock);
        MemberChecks.Consents(check, body.Consents);
        return new EnrolmentContacts(email, phone, cards);
    }

    public async Task<Result<MemberView>> RunAsync(Order order, CancellationToken ct)
    {
        var programId = order.Caller.ProgramId;
        var contacts = order.Contacts;
        var number = MemberNumber.New();
        var (taken, numberTaken) = await MemberUniqueness.TakenAsync(db, programId, null, contacts.Email, contacts.Phone, contacts.Cards, number, ct);
        if (taken is not null)
        {
            return taken;
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var member = NewMember(programId, numberTaken ? await MemberUniqueness.FreeNumberAsync(db, programId, ct) : number, order.Request, contacts, order.Channel,
            order.StoreId, now);
        db.Members.Add(member);
        events.Record(member, EventTypes.MemberEnrolled, new MemberEnrolled(member.Id, member.MemberNumber, member.EnrolledChannel, member.EnrolledStoreId,
            member.Language, MemberView.From(member).Consents.Select(c => new EventConsent(c.Purpose, c.Granted)).ToList()), now);
        return MemberView.From(member);
    }

    /// <summary>A new member from a checked enrolment, with its cards and consents (not yet added to a context).</summary>
    public static Member NewMember(string programId, string memberNumber, EnrolMemberRequest body, EnrolmentContacts contacts, string channel, string? storeId,
        DateTime now)
    {
        var member = new Member
        {
            Id = Ids.New("mbr"),
            ProgramId = programId,
            MemberNumber = memberNumber,
            Email = contacts.Email,
            Phone = contacts.Phone,
            FirstName = Blank(body.FirstName),
            LastName = Blank(body.LastName),
            BirthDate = body.BirthDate,
            Language = body.Language ?? "de",
            EnrolledChannel = channel,
            EnrolledStoreId = storeId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        member.Cards.AddRange(contacts.Cards.Select(c => new MemberCard { ProgramId = programId, Number = c, MemberId = member.Id, AddedAt = now }));
        member.Consents.AddRange(ConsentsOf(member, body.Consents, channel, now));
        return member;
    }

    /// <summary>The consents as given, each kept as proof with the channel, the time and the text version the member saw.</summary>
    public static IEnumerable<Consent> ConsentsOf(Member member, ConsentInput[]? consents, string channel, DateTime now) =>
        (consents ?? []).Select(c => new Consent
        {
            ProgramId = member.ProgramId,
            MemberId = member.Id,
            Purpose = c.Purpose!,
            Granted = c.Granted!.Value,
            TextVersion = c.TextVersion!,
            Channel = channel,
            RecordedAt = now,
        }).ToList();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
