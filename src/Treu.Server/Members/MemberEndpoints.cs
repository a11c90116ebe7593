using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Members;

public static class MemberEndpoints
{
    private static readonly string[] Languages = ["de", "en"];

    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members").WithTags("Members");

        members.MapPost("", Enrol).WithName("enrolMember").RequireScopes(Scopes.All).AccessForAll(201).Idempotent()
            .WithSummary("Enrol a member")
            .WithDescription("From any channel. At least one of e-mail, phone or card. Consents are recorded with channel, time and text version. Send an Idempotency-Key to make retries safe.")
            .Produces<MemberView>(201).WithRequestExample(Examples.Enrol).WithResponseExample(201, Examples.Member);

        members.MapGet("/{id}", Get).WithName("getMember").RequireScopes(Scopes.All).AccessForAll(200)
            .WithSummary("Read a member").Produces<MemberView>().WithResponseExample(200, Examples.Member);

        members.MapPatch("/{id}", Update).WithName("updateMember").RequireScopes(Scopes.All).AccessForAll(200).Idempotent()
            .WithSummary("Update a member's profile, cards and consents; block or unblock (admin)")
            .WithDescription("Only the fields sent change; an empty string clears e-mail, phone or a name. Changing status needs an admin key.")
            .Produces<MemberView>().WithRequestExample(Examples.Update).WithResponseExample(200, Examples.Member);

        members.MapGet("/lookup", Lookup).WithName("lookUpMember").RequireScopes(Scopes.All).AccessForAll(200).LimitedAsLookup()
            .WithSummary("Identify a member by e-mail, phone, card, member number or the QR token from the wallet")
            .WithDescription("Exactly one of the query parameters. A QR token is valid for five minutes after it was issued. "
                + "Rate-limited per API key (Treu:Limits:Lookups); too many answer 429 rate_limited with Retry-After.")
            .Produces<MemberView>().WithResponseExample(200, Examples.Member);

        members.MapGet("/{id}/qr-token", IssueQrToken).WithName("issueQrToken").RequireScopes(Scopes.App, Scopes.Admin).Access(pos: 403, ecommerce: 403, app: 200, admin: 200)
            .WithSummary("Issue a short-lived signed token for the member's QR code at the till").Produces<QrTokenView>().WithResponseExample(200, Examples.QrToken);
    }

    private static async Task<IResult> Enrol(EnrolMemberRequest body, HttpContext http, TreuDbContext db, IdempotentWrites writes, TimeProvider clock)
    {
        var caller = http.Caller();
        var check = new Validation();
        var contacts = CheckEnrolment(check, body, clock);
        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return Problems.For(denied);
        }

        return await writes.RunAsync(http, body, [], async ct =>
        {
            var number = MemberNumber.New();
            var (taken, numberTaken) = await Taken(db, caller.ProgramId, null, contacts.Email, contacts.Phone, contacts.Cards, number, ct);
            if (taken is not null)
            {
                return taken;
            }

            var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            var member = NewMember(caller.ProgramId, numberTaken ? await FreeMemberNumber(db, caller.ProgramId, ct) : number, body, contacts, channel.Value, store.Value, now);
            db.Members.Add(member);
            return Outcome.Created(MemberView.From(member));
        }, CommitGroup.Any);
    }

    /// <summary>
    /// The enrolment's checks: contacts normalised, at least one of them, profile and consents. The bulk import
    /// runs the same checks, so an imported member obeys the rules of one enrolled at the till.
    /// </summary>
    public static EnrolmentContacts CheckEnrolment(Validation check, EnrolMemberRequest body, TimeProvider clock)
    {
        var email = Contact(check, "email", body.Email, EmailAddress.Normalize, "is not a valid e-mail address");
        var phone = Contact(check, "phone", body.Phone, PhoneNumber.Normalize, "must be an international number in E.164 form, e.g. +491701234567");
        var cards = Cards(check, "cards", body.Cards);
        if (email is null && phone is null && cards.Count == 0 && check.IsValid)
        {
            check.Add("email", "an e-mail address, a phone number or a card number is required");
        }

        Profile(check, body.FirstName, body.LastName, body.BirthDate, body.Language, clock);
        Consents(check, body.Consents);
        return new EnrolmentContacts(email, phone, cards);
    }

    /// <summary>A new member from a checked enrolment, with its cards and consents (not yet added to a context).</summary>
    public static Member NewMember(string programId, string memberNumber, EnrolMemberRequest body, EnrolmentContacts contacts, string channel, string? storeId, DateTime now)
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
        AddConsents(member, body.Consents, channel, now);
        return member;
    }

    private static async Task<IResult> Get(string id, HttpContext http, TreuDbContext db, CancellationToken ct) =>
        await Load(db, http.Caller().ProgramId, id, ct) is { } member ? Results.Ok(MemberView.From(member)) : NotFound(id);

    private static async Task<IResult> Update(string id, UpdateMemberRequest body, HttpContext http, TreuDbContext db, IdempotentWrites writes, TimeProvider clock)
    {
        var caller = http.Caller();
        var check = new Validation();
        var email = body.Email is "" ? "" : Contact(check, "email", body.Email, EmailAddress.Normalize, "is not a valid e-mail address");
        var phone = body.Phone is "" ? "" : Contact(check, "phone", body.Phone, PhoneNumber.Normalize, "must be an international number in E.164 form, e.g. +491701234567");
        var addCards = Cards(check, "addCards", body.AddCards);
        var removeCards = Cards(check, "removeCards", body.RemoveCards);
        Profile(check, body.FirstName, body.LastName, body.BirthDate, body.Language, clock);
        Consents(check, body.Consents);
        check.MaxLength("blockedReason", body.BlockedReason, 500);
        var tags = Tags(check, body.Tags);
        Attributes(check, body.Attributes);
        MemberStatus? status = null;
        if (body.Status is not null)
        {
            if (Enum.TryParse<MemberStatus>(body.Status, ignoreCase: true, out var parsed) && body.Status.All(char.IsAsciiLetter))
            {
                status = parsed;
            }
            else
            {
                check.Add("status", "must be 'active' or 'blocked'");
            }
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if ((status is not null || body.BlockedReason is not null) && !caller.IsAdmin)
        {
            return Problems.Result(403, "forbidden_scope", "Only an admin key may block or unblock a member.");
        }

        if ((body.Tags is not null || body.Attributes is not null) && !caller.IsAdmin)
        {
            return Problems.Result(403, "forbidden_scope", "Only an admin key may change a member's tags and attributes: they decide what rules give.");
        }

        return await writes.RunAsync(http, body, [], async ct =>
        {
            var member = await Load(db, caller.ProgramId, id, ct, tracked: true);
            if (member is null)
            {
                return NotFoundFailure(id);
            }

            if ((await Taken(db, caller.ProgramId, member.Id, email is "" ? null : email, phone is "" ? null : phone, addCards, null, ct)).Failure is { } taken)
            {
                return taken;
            }

            var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            if (email is not null)
            {
                member.Email = Blank(email);
            }

            if (phone is not null)
            {
                member.Phone = Blank(phone);
            }

            if (body.FirstName is not null)
            {
                member.FirstName = Blank(body.FirstName);
            }

            if (body.LastName is not null)
            {
                member.LastName = Blank(body.LastName);
            }

            member.BirthDate = body.BirthDate ?? member.BirthDate;
            member.Language = body.Language ?? member.Language;
            member.Tags = tags ?? member.Tags;
            foreach (var (name, value) in body.Attributes ?? [])
            {
                if (string.IsNullOrEmpty(value))
                {
                    member.Attributes.Remove(name);
                }
                else
                {
                    member.Attributes[name] = value;
                }
            }

            if (member.Attributes.Count > MaxAttributes)
            {
                return new Failure("validation_failed", $"A member keeps at most {MaxAttributes} attributes.", "attributes");
            }
            var newStatus = status ?? member.Status;
            if (body.BlockedReason is not null && newStatus != MemberStatus.Blocked)
            {
                return new Failure("validation_failed", "A reason is kept only for a blocked member: send status 'blocked' with it.", "blockedReason");
            }

            if (status is not null || body.BlockedReason is not null)
            {
                member.Status = newStatus;
                member.BlockedReason = newStatus == MemberStatus.Blocked ? Blank(body.BlockedReason) ?? (status is null ? member.BlockedReason : null) : null;
            }

            foreach (var number in removeCards)
            {
                if (member.Cards.FirstOrDefault(c => c.Number == number) is { } card)
                {
                    member.Cards.Remove(card);
                    db.MemberCards.Remove(card);
                }
            }

            foreach (var number in addCards.Where(n => member.Cards.All(c => c.Number != n)))
            {
                var card = new MemberCard { ProgramId = caller.ProgramId, Number = number, MemberId = member.Id, AddedAt = now };
                member.Cards.Add(card);
                db.MemberCards.Add(card);
            }

            if (member.Email is null && member.Phone is null && member.Cards.Count == 0)
            {
                return new Failure("validation_failed", "A member keeps at least one of e-mail, phone or card.", "email");
            }

            AddConsents(member, body.Consents, caller.Channel, now, db);
            member.UpdatedAt = now;
            return Outcome.Ok(MemberView.From(member));
        });
    }

    private static async Task<IResult> Lookup(HttpContext http, TreuDbContext db, ProgramSettings programs, TimeProvider clock,
        string? email, string? phone, string? card, string? number, string? qr, CancellationToken ct)
    {
        var caller = http.Caller();
        var given = new[] { email, phone, card, number, qr }.Count(v => v is not null);
        if (given != 1)
        {
            return Problems.Result(400, "validation_failed", "Give exactly one of email, phone, card, number or qr.");
        }

        // A malformed identifier is the till's mistake (400: fix the input); a well-formed one nobody has is a 404.
        // The till waits for this answer: one round trip finds the member with its cards and consents.
        var programId = caller.ProgramId;
        Expression<Func<Member, bool>> match;
        if (qr is not null)
        {
            if (qr.Length == 0)
            {
                return Malformed("qr", "must not be empty");
            }

            var program = await programs.GetAsync(programId, ct);
            if (QrToken.Verify(qr, clock.GetUtcNow().UtcDateTime, program.QrSecret) is not { } memberId)
            {
                return Problems.Result(404, "member_not_found", "The QR code is invalid or has expired. Ask the member to refresh it in the wallet.");
            }

            match = m => m.Id == memberId;
        }
        else if (card is not null)
        {
            if (CardNumber.Normalize(card) is not { } normalized)
            {
                return Malformed("card", "is not a card number (6 to 32 letters or digits)");
            }

            // A sub-query on the card's primary key, evaluated once, then the member by its own.
            match = m => m.Id == db.MemberCards.Where(c => c.ProgramId == programId && c.Number == normalized).Select(c => c.MemberId).FirstOrDefault();
        }
        else if (email is not null)
        {
            if (EmailAddress.Normalize(email) is not { } normalized)
            {
                return Malformed("email", "is not a valid e-mail address");
            }

            match = m => m.Email == normalized;
        }
        else if (phone is not null)
        {
            if (PhoneNumber.Normalize(phone) is not { } normalized)
            {
                return Malformed("phone", "must be an international number in E.164 form, e.g. +491701234567");
            }

            match = m => m.Phone == normalized;
        }
        else if (MemberNumber.IsValid(number))
        {
            match = m => m.MemberNumber == number;
        }
        else
        {
            return number!.Length == MemberNumber.Length && number.All(char.IsAsciiDigit)
                ? Malformed("number", "check digit does not match: check the number for a typo")
                : Malformed("number", $"must be the {MemberNumber.Length}-digit member number");
        }

        return await Load(db, programId, match, ct) is { } member
            ? Results.Ok(MemberView.From(member))
            : Problems.Result(404, "member_not_found", "No member matches.");
    }

    private static IResult Malformed(string field, string message) =>
        Problems.Result(400, "validation_failed", $"{field} {message}.", new Dictionary<string, string[]> { [field] = [message] });

    private static async Task<IResult> IssueQrToken(string id, HttpContext http, TreuDbContext db, ProgramSettings programs, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return NotFound(id);
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var expires = clock.GetUtcNow().UtcDateTime.Add(QrToken.Lifetime);
        expires = new DateTime(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return Results.Ok(new QrTokenView(QrToken.Issue(id, expires, program.QrSecret), expires));
    }

    public static Task<Member?> Load(TreuDbContext db, string programId, string id, CancellationToken ct, bool tracked = false) =>
        Load(db, programId, m => m.Id == id, ct, tracked);

    /// <summary>
    /// The member with its cards and consents in one statement (joined: a member has a handful of each), so that a
    /// till's look-up is one round trip rather than one per collection.
    /// </summary>
    private static Task<Member?> Load(TreuDbContext db, string programId, Expression<Func<Member, bool>> match, CancellationToken ct, bool tracked = false)
    {
        var query = db.Members.Include(m => m.Cards).Include(m => m.Consents).AsSingleQuery().Where(m => m.ProgramId == programId).Where(match);
        return (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct);
    }

    public static Failure NotFoundFailure(string id) => new("member_not_found", $"No member '{Truncate(id)}' in this program.");

    public static IResult NotFound(string id) => Problems.For(NotFoundFailure(id));

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;

    /// <summary>
    /// Whether another member of the program uses the e-mail address, the phone number or one of the cards (the failure for
    /// the first of them, in that order), and whether a member already has <paramref name="number"/>. One statement: inside a
    /// shared commit each round trip holds up the batch's other writes, and an enrolment made four of them.
    /// </summary>
    private static async Task<(Failure? Failure, bool NumberTaken)> Taken(TreuDbContext db, string programId, string? self, string? email, string? phone,
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

        var failure = found.Email ? new Failure("email_taken", "Another member already uses this e-mail address.", "email")
            : found.Phone ? new Failure("phone_taken", "Another member already uses this phone number.", "phone")
            : found.Card ? new Failure("card_taken", "A card number is already registered to another member.", "cards")
            : null;
        return (failure, found.Number);
    }

    private static async Task<string> FreeMemberNumber(TreuDbContext db, string programId, CancellationToken ct)
    {
        // 10^9 numbers: a clash is rare, and a few tries make it vanishingly so.
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

    private static string? Contact(Validation check, string field, string? raw, Func<string?, string?> normalize, string message)
    {
        if (raw is null)
        {
            return null;
        }

        var value = normalize(raw);
        if (value is null)
        {
            check.Add(field, message);
        }

        return value;
    }

    private static List<string> Cards(Validation check, string field, string[]? raw)
    {
        if (raw is null)
        {
            return [];
        }

        if (raw.Length > 10)
        {
            check.Add(field, "at most 10 cards at once");
            return [];
        }

        var cards = new List<string>();
        foreach (var card in raw)
        {
            if (CardNumber.Normalize(card) is { } normalized)
            {
                cards.Add(normalized);
            }
            else
            {
                check.Add(field, $"'{Truncate(card ?? "")}' is not a card number (6 to 32 letters or digits)");
            }
        }

        return cards.Distinct().ToList();
    }

    private const int MaxAttributes = 50;

    private static List<string>? Tags(Validation check, string[]? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Length > 50 || tags.Any(t => t is null || t.Length is 0 or > 64 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            check.Add("tags", "at most 50 tags of 1 to 64 letters, digits, '_' or '-'");
            return null;
        }

        return tags.Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static void Attributes(Validation check, Dictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        if (attributes.Count > MaxAttributes || attributes.Any(a => a.Key.Length is 0 or > 64 || !a.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') || a.Value is { Length: > 200 }))
        {
            check.Add("attributes", $"at most {MaxAttributes} attributes; names of 1 to 64 letters, digits, '_' or '-'; values up to 200 characters");
        }
    }

    private static void Profile(Validation check, string? firstName, string? lastName, DateOnly? birthDate, string? language, TimeProvider clock)
    {
        check.MaxLength("firstName", firstName, 100).MaxLength("lastName", lastName, 100);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (birthDate is { } b && (b > today || b < today.AddYears(-130)))
        {
            check.Add("birthDate", "must be a real date of birth in the past");
        }

        if (language is not null && !Languages.Contains(language))
        {
            check.Add("language", $"must be one of {string.Join(", ", Languages)}");
        }
    }

    private static void Consents(Validation check, ConsentInput[]? consents)
    {
        if (consents is null)
        {
            return;
        }

        if (consents.Length > 20)
        {
            check.Add("consents", "at most 20 consents at once");
            return;
        }

        for (var i = 0; i < consents.Length; i++)
        {
            var c = consents[i];
            if (c is null)
            {
                check.Add($"consents[{i}]", "must be an object");
                continue;
            }

            check.Require($"consents[{i}].purpose", c.Purpose, 64).Require($"consents[{i}].textVersion", c.TextVersion, 64);
            if (c.Purpose is not null && consents.Take(i).Any(earlier => earlier?.Purpose == c.Purpose))
            {
                check.Add($"consents[{i}].purpose", $"'{Truncate(c.Purpose)}' is given twice; send one answer per purpose");
            }
            if (c.Granted is null)
            {
                check.Add($"consents[{i}].granted", "is required");
            }
        }
    }

    private static void AddConsents(Member member, ConsentInput[]? consents, string channel, DateTime now, TreuDbContext? db = null)
    {
        foreach (var c in consents ?? [])
        {
            var consent = new Consent
            {
                ProgramId = member.ProgramId,
                MemberId = member.Id,
                Purpose = c.Purpose!,
                Granted = c.Granted!.Value,
                TextVersion = c.TextVersion!,
                Channel = channel,
                RecordedAt = now,
            };
            member.Consents.Add(consent);
            db?.Consents.Add(consent);
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
