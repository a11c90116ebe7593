namespace Treu.Domain.Tiers;

/// <summary>What a program's tiers are earned with: one metric per program.</summary>
public enum QualifyingMetric
{
    /// <summary>Points earned on purchases, actions and credits; points redeemed or transferred do not take any away.</summary>
    QualifyingPoints,

    /// <summary>Money spent on what earns points (net of discounts and of the share paid with points).</summary>
    QualifyingSpend,

    /// <summary>Purchases with something that earns points.</summary>
    Purchases,
}
