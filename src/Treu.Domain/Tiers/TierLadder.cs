using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Treu.Domain.Tiers;

/// <summary>
/// A program's tiers, lowest first, and how they are earned and kept: one metric over one period, reviews, soft landing,
/// and what a return does. Stored as data and versioned; checked by <see cref="TierLadderValidation"/> before it is saved.
/// </summary>
public sealed record TierLadder
{
    public QualifyingMetric Metric { get; init; } = QualifyingMetric.QualifyingPoints;

    public QualifyingPeriod Period { get; init; } = QualifyingPeriod.Rolling12Months;

    public ReviewSchedule ReviewAt { get; init; } = ReviewSchedule.MonthsAfterUpgrade;

    /// <summary>For <see cref="ReviewSchedule.MonthsAfterUpgrade"/>: how many months a tier holds before it is reviewed.</summary>
    [Range(1, TierLadderValidation.MaxReviewMonths)]
    public int ReviewMonths { get; init; } = 12;

    /// <summary>A review lowers a tier by one step at most, however little the member qualified for.</summary>
    public bool SoftLanding { get; init; } = true;

    public ReturnDemotion Returns { get; init; } = ReturnDemotion.AtReview;

    /// <summary>Lowest first: the base tier (threshold 0), then strictly increasing thresholds.</summary>
    [MaxLength(TierLadderValidation.MaxTiers)]
    public IReadOnlyList<TierDefinition> Tiers { get; init; } = [];

    /// <summary>The tier every member holds who has not reached another.</summary>
    [JsonIgnore]
    public TierDefinition Base => Tiers[0];

    /// <summary>A tier's place on the ladder (0 for the base tier, also for a member without a tier yet); -1 for a tier the ladder does not have.</summary>
    public int RankOf(string? tier)
    {
        if (tier is null)
        {
            return 0;
        }

        for (var i = 0; i < Tiers.Count; i++)
        {
            if (string.Equals(Tiers[i].Id, tier, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public TierDefinition? Find(string? tier) => RankOf(tier) is >= 0 and var rank ? Tiers[rank] : null;

    /// <summary>The highest tier whose threshold <paramref name="value"/> reaches.</summary>
    public int RankFor(decimal value)
    {
        var rank = 0;
        for (var i = 1; i < Tiers.Count; i++)
        {
            if (value >= Tiers[i].Threshold)
            {
                rank = i;
            }
        }

        return rank;
    }

    /// <summary>
    /// Whether a member of <paramref name="tier"/> (null: the base tier) reaches <paramref name="minimum"/>: for tier-only rewards
    /// and offers. A tier the ladder no longer has reaches nothing but the base tier.
    /// </summary>
    public bool Reaches(string? tier, string minimum) => RankOf(minimum) is >= 0 and var needed && RankOf(tier) >= needed;
}
