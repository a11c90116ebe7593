namespace Treu.Domain.Tiers;

/// <summary>Where a member stands on the ladder and what it takes to go up or to stay: what the member's tier page shows.</summary>
/// <param name="Tier">The tier held (for a tier the ladder no longer has, a stand-in named by its id).</param>
/// <param name="SecuredUntil">The last day the tier is certain to hold, on what the member has done so far; null at the base tier.</param>
/// <param name="Qualifying">The qualifying value of the current window, in the program's metric.</param>
/// <param name="Missing">What the next tier takes on top of <paramref name="Qualifying"/>; null at the top.</param>
/// <param name="ReviewAt">When the tier is next reviewed; null at the base tier.</param>
/// <param name="NeededToKeep">What the window read at that review still needs for the tier to hold; 0 when it holds already.</param>
/// <param name="Months">The window's months, oldest first, each with its qualifying value.</param>
/// <param name="Before">For a lifetime period: everything before the months shown.</param>
public sealed record TierProgress(
    TierDefinition Tier,
    DateTime? Since,
    DateOnly? SecuredUntil,
    decimal Qualifying,
    TierDefinition? Next,
    decimal? Missing,
    DateTime? ReviewAt,
    decimal? NeededToKeep,
    IReadOnlyList<(int Month, decimal Value)> Months,
    decimal Before,
    string? ManualTier,
    DateOnly? ManualUntil,
    string? ManualReason);
