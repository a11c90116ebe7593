namespace Treu.Domain.Tiers;

/// <summary>What counts towards a tier, in each of the three metrics at once, so that a program can change its metric without losing the past.</summary>
public readonly record struct QualifyingAmounts(long Points, decimal Spend, long Purchases)
{
    public static readonly QualifyingAmounts None = default;

    public bool IsNone => Points == 0 && Spend == 0 && Purchases == 0;

    public decimal Of(QualifyingMetric metric) => metric switch
    {
        QualifyingMetric.QualifyingSpend => Spend,
        QualifyingMetric.Purchases => Purchases,
        _ => Points,
    };

    public static QualifyingAmounts operator +(QualifyingAmounts a, QualifyingAmounts b) => new(a.Points + b.Points, a.Spend + b.Spend, a.Purchases + b.Purchases);

    /// <summary>What is left after taking <paramref name="b"/> back, never below zero in any metric.</summary>
    public QualifyingAmounts Less(QualifyingAmounts b) =>
        new(Math.Max(0, Points - b.Points), Math.Max(0, Spend - b.Spend), Math.Max(0, Purchases - b.Purchases));
}
