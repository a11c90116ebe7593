using Treu.Domain.Rewards;

namespace Treu.Server.Rewards;

/// <summary>
/// A code the program has: a voucher (a reward's, or one of a coupon campaign's unique codes, with its campaign) or a
/// campaign's public code. Read for a look-up, or locked for a write.
/// </summary>
public sealed record FoundCode(string Code, Voucher? Voucher, CouponCampaign? Campaign)
{
    /// <summary>reward: bought with points; coupon: a campaign's code.</summary>
    public string Source => Voucher?.RewardId is not null ? "reward" : "coupon";

    public Benefit Benefit => Voucher?.OwnBenefit ?? Campaign?.Benefit ?? throw new InvalidOperationException($"Code {Code} has no benefit.");

    public DateTime? ValidFrom => Voucher?.ValidFrom ?? Campaign?.ValidFrom;

    public DateTime? ValidTo => Voucher?.ValidTo ?? Campaign?.ValidTo;

    public decimal? MinBasket => Voucher?.MinBasket ?? Campaign?.MinBasket;

    public string NameIn(string language) => Voucher is { RewardId: not null } v ? Reward.Text(v.Name, language) : Campaign?.Name ?? Code;
}
