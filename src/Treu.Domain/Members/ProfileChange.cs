namespace Treu.Domain.Members;

/// <summary>
/// What a profile update asks for. Null leaves a field as it is; an empty string clears e-mail, phone or a name;
/// attributes are merged (an empty value removes one).
/// </summary>
public sealed record ProfileChange(
    string? Email = null,
    string? Phone = null,
    string? FirstName = null,
    string? LastName = null,
    DateOnly? BirthDate = null,
    string? Language = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyDictionary<string, string>? Attributes = null,
    MemberStatus? Status = null,
    string? BlockedReason = null)
{
    public IReadOnlyCollection<string> AddCards { get; init; } = [];

    public IReadOnlyCollection<string> RemoveCards { get; init; } = [];
}
