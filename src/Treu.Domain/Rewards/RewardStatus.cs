namespace Treu.Domain.Rewards;

/// <summary>Where a reward or a coupon campaign is in its life: written as a draft, then on offer (active) or taken off (inactive).</summary>
public static class RewardStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Inactive = "inactive";
}
