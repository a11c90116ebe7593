namespace Treu.Domain.Rewards;

/// <summary>Why a member cannot redeem a reward now, as the wallet shows it ("120 points missing", "Gold only", "sold out").</summary>
/// <param name="Reason">Stable: not_available, member_blocked, tier_required, segment_required, membership_too_short, sold_out, limit_reached, not_enough_points.</param>
/// <param name="De">The reason in German.</param>
/// <param name="En">The reason in English.</param>
public sealed record RewardRefusal(string Reason, string De, string En)
{
    public string In(string language) => language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : De;
}
