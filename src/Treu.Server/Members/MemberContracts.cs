using System.ComponentModel.DataAnnotations;
using Treu.Domain.Members;
using Treu.Server.Hosting;

namespace Treu.Server.Members;

/// <summary>A consent given or withdrawn, with the version of the text the shopper saw.</summary>
/// <param name="Purpose">e.g. terms, marketing_email, profiling.</param>
/// <param name="TextVersion">The version of the consent text the member saw.</param>
public sealed record ConsentInput([property: MaxLength(64)] string? Purpose, bool? Granted, [property: MaxLength(64)] string? TextVersion);

/// <param name="Email">Normalised to lower case; unique in the program.</param>
/// <param name="Phone">International form (E.164), spaces and dashes allowed: "+49 170 1234567"; unique.</param>
/// <param name="Cards">Card numbers (6 to 32 letters or digits); unique.</param>
/// <param name="Language">de or en.</param>
/// <param name="Consents">Recorded with the channel, the time and the text version.</param>
/// <param name="StoreId">Where the member enrolled; defaults to the key's store.</param>
/// <param name="Channel">Defaults to the key's channel; only an admin key may name another.</param>
public sealed record EnrolMemberRequest(
    [property: MaxLength(254)] string? Email = null,
    string? Phone = null,
    [property: MaxLength(100)] string? FirstName = null,
    [property: MaxLength(100)] string? LastName = null,
    DateOnly? BirthDate = null,
    [property: AllowedValues("de", "en")] string? Language = null,
    [property: MaxLength(10)] string[]? Cards = null,
    [property: MaxLength(20)] ConsentInput[]? Consents = null,
    [property: MaxLength(64)] string? StoreId = null,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string? Channel = null);

/// <summary>An enrolment's contacts after normalising: what must be unique in the program.</summary>
public sealed record EnrolmentContacts(string? Email, string? Phone, IReadOnlyList<string> Cards);

/// <summary>Only the fields sent change. An empty string clears a contact field.</summary>
/// <param name="Status">active or blocked (admin keys only).</param>
/// <param name="Tags">Replaces the member's segments (admin keys only): up to 50 tags of letters, digits, '_' and '-'.</param>
/// <param name="Attributes">Merged into the member's attributes (admin keys only); an empty value removes one.</param>
public sealed record UpdateMemberRequest(
    [property: MaxLength(254)] string? Email = null,
    string? Phone = null,
    [property: MaxLength(100)] string? FirstName = null,
    [property: MaxLength(100)] string? LastName = null,
    DateOnly? BirthDate = null,
    [property: AllowedValues("de", "en")] string? Language = null,
    [property: MaxLength(10)] string[]? AddCards = null,
    [property: MaxLength(10)] string[]? RemoveCards = null,
    [property: MaxLength(20)] ConsentInput[]? Consents = null,
    [property: AllowedValues("active", "blocked")] string? Status = null,
    [property: MaxLength(500)] string? BlockedReason = null,
    [property: MaxLength(50)] string[]? Tags = null,
    Dictionary<string, string>? Attributes = null);

public sealed record ConsentView(
    string Purpose, bool Granted, string TextVersion,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string Channel,
    DateTime RecordedAt);

public sealed record BalanceSummary(long Available, long Pending);

public sealed record MemberView(
    string Id,
    string MemberNumber,
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    DateOnly? BirthDate,
    [property: AllowedValues("de", "en")] string Language,
    [property: EnumValues(typeof(MemberStatus))] string Status,
    string? BlockedReason,
    string[] Cards,
    ConsentView[] Consents,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string EnrolledChannel,
    string? EnrolledStoreId,
    string? Tier,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Attributes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    BalanceSummary Balance)
{
    public static MemberView From(Member m) => new(
        m.Id, m.MemberNumber, m.Email, m.Phone, m.FirstName, m.LastName, m.BirthDate, m.Language,
        m.Status.ToString().ToLowerInvariant(), m.BlockedReason,
        m.Cards.OrderBy(c => c.AddedAt).Select(c => c.Number).ToArray(),
        // The consent history is kept; the view shows the latest word per purpose.
        // Consents not yet saved have id 0 and are the newest of all.
        m.Consents.GroupBy(c => c.Purpose).Select(g => g.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id == 0 ? long.MaxValue : c.Id).First())
            .OrderBy(c => c.Purpose).Select(c => new ConsentView(c.Purpose, c.Granted, c.TextVersion, c.Channel, c.RecordedAt)).ToArray(),
        m.EnrolledChannel, m.EnrolledStoreId, m.Tier, m.Tags, m.Attributes, m.CreatedAt, m.UpdatedAt, new BalanceSummary(m.Available, m.Pending));
}

public sealed record QrTokenView(string Token, DateTime ExpiresAt);
