namespace Treu.Domain.Tiers;

/// <summary>What a tier gives its members.</summary>
public sealed record TierBenefits
{
    /// <summary>Multiplies the points of every purchase (1.5: half as much again), as a rule of the program's rule book.</summary>
    public decimal EarnMultiplier { get; init; } = 1;

    /// <summary>Points on a purchase in the member's birthday week, once a month at most, as a rule of the rule book; 0 for none.</summary>
    public long BirthdayBonus { get; init; }

    /// <summary>For the webshop: orders of members of this tier ship free.</summary>
    public bool FreeShipping { get; init; }

    /// <summary>Perks shown to the member, in German and English ("Free coffee at every visit").</summary>
    public IReadOnlyList<LocalizedText> Perks { get; init; } = [];
}
