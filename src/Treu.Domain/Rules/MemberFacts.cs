namespace Treu.Domain.Rules;

/// <summary>What the engine knows about the member at the moment of the purchase or event.</summary>
public sealed record MemberFacts(
    string? Tier = null,
    IReadOnlyCollection<string>? Segments = null,
    DateOnly? BirthDate = null,
    bool FirstPurchase = false,
    IReadOnlyDictionary<string, string>? Attributes = null);
