using Treu.Domain.Members;

namespace Treu.Server.Members;

/// <summary>A consent given or withdrawn, with the version of the text the shopper saw.</summary>
public sealed record ConsentInput(string? Purpose, bool? Granted, string? TextVersion);

public sealed record EnrolMemberRequest(
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    DateOnly? BirthDate,
    string? Language,
    string[]? Cards,
    ConsentInput[]? Consents,
    string? StoreId,
    string? Channel);

/// <summary>Only the fields sent change. An empty string clears a contact field.</summary>
public sealed record UpdateMemberRequest(
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    DateOnly? BirthDate,
    string? Language,
    string[]? AddCards,
    string[]? RemoveCards,
    ConsentInput[]? Consents,
    string? Status,
    string? BlockedReason);

public sealed record ConsentView(string Purpose, bool Granted, string TextVersion, string Channel, DateTime RecordedAt);

public sealed record BalanceSummary(long Available, long Pending);

public sealed record MemberView(
    string Id,
    string MemberNumber,
    string? Email,
    string? Phone,
    string? FirstName,
    string? LastName,
    DateOnly? BirthDate,
    string Language,
    string Status,
    string? BlockedReason,
    string[] Cards,
    ConsentView[] Consents,
    string EnrolledChannel,
    string? EnrolledStoreId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    BalanceSummary Balance)
{
    public static MemberView From(Member m) => new(
        m.Id, m.MemberNumber, m.Email, m.Phone, m.FirstName, m.LastName, m.BirthDate, m.Language,
        m.Status.ToString().ToLowerInvariant(), m.BlockedReason,
        m.Cards.OrderBy(c => c.AddedAt).Select(c => c.Number).ToArray(),
        // The consent history is kept; the view shows the latest word per purpose.
        m.Consents.GroupBy(c => c.Purpose).Select(g => g.OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).First())
            .OrderBy(c => c.Purpose).Select(c => new ConsentView(c.Purpose, c.Granted, c.TextVersion, c.Channel, c.RecordedAt)).ToArray(),
        m.EnrolledChannel, m.EnrolledStoreId, m.CreatedAt, m.UpdatedAt, new BalanceSummary(m.Available, m.Pending));
}

public sealed record QrTokenView(string Token, DateTime ExpiresAt);
