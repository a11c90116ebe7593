using Treu.Domain.Common;

namespace Treu.Domain.Tiers;

public static class TierErrors
{
    /// <summary>A ladder needs exactly one base tier, first, at threshold 0.</summary>
    public static readonly ErrorCode NoBaseTier = new("tier_ladder_without_base", FailureKind.Refused);

    public static readonly ErrorCode ThresholdsNotIncreasing = new("tier_thresholds_not_increasing", FailureKind.Refused);

    public static readonly ErrorCode DuplicateTierId = new("tier_id_duplicate", FailureKind.Refused);

    public static readonly ErrorCode TierNameMissing = new("tier_name_missing", FailureKind.Refused);

    /// <summary>A manual tier or an import names a tier the program's ladder does not have.</summary>
    public static readonly ErrorCode UnknownTier = new("unknown_tier", FailureKind.Refused);

    /// <summary>The program has no tiers yet: there is nothing to set or show.</summary>
    public static readonly ErrorCode NoTiers = new("no_tiers", FailureKind.NotFound);
}
