using Treu.Domain.Common;
using Treu.Domain.Purchases;

namespace Treu.Domain.Rewards;

/// <summary>
/// Coupons that need no points: one public code (WELCOME10) or many unique codes (<see cref="Voucher"/>s with this
/// campaign), each with the campaign's benefit and constraints. The campaign's row counts its redemptions and the
/// discount given; every redemption locks it, so that a coupon for 1,000 uses is used exactly 1,000 times.
/// </summary>
public sealed class CouponCampaign
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public string? Terms { get; set; }

    /// <summary>draft, active or inactive (the reward statuses): codes work only while active.</summary>
    public required string Status { get; set; }
    public BenefitKind Kind { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Percent { get; set; }
    public decimal? MaxDiscount { get; set; }
    public string? Sku { get; set; }
    public string? Category { get; set; }

    /// <summary>The one code everybody uses (upper case letters and digits); null when the campaign hands out unique codes.</summary>
    public string? PublicCode { get; set; }

    /// <summary>The prefix of its unique codes.</summary>
    public string CodePrefix { get; set; } = "CPN";
    public decimal? MinBasket { get; set; }

    /// <summary>The discount comes off lines of these categories or skus only; off any line when both are empty.</summary>
    public List<string> Categories { get; set; } = [];
    public List<string> Skus { get; set; } = [];
    public bool FirstPurchaseOnly { get; set; }
    public bool OncePerMember { get; set; }
    public bool MembersOnly { get; set; }

    /// <summary>How often it can be used in all; unlimited when null.</summary>
    public long? MaxRedemptions { get; set; }

    /// <summary>How much discount it may give in all, in money; unlimited when null.</summary>
    public decimal? Budget { get; set; }
    public List<string> Channels { get; set; } = [];
    public List<string> Stores { get; set; } = [];
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }

    public long Redemptions { get; set; }
    public decimal DiscountGiven { get; set; }
    public long CodesIssued { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public Benefit Benefit => new(Kind, Amount, Percent, MaxDiscount, Sku, Category);

    /// <summary>Whether the campaign's discount may come off this line.</summary>
    public bool Covers(BasketLine line) =>
        (Categories.Count == 0 && Skus.Count == 0)
        || Skus.Contains(line.Sku, StringComparer.Ordinal)
        || (line.Category is { } c && Categories.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>Why a code of this campaign cannot be used now, here, by this basket; null when it can (the counts aside).</summary>
    public Failure? Refuses(DateTime now, string channel, string? storeId, bool hasMember)
    {
        if (Status != RewardStatus.Active)
        {
            return VoucherErrors.CouponInactive.With("This coupon's campaign is not running.", "code");
        }

        if (ValidTo is { } to && to <= now)
        {
            return VoucherErrors.Expired.With($"This coupon ended on {to:yyyy-MM-dd}.", "code");
        }

        if (ValidFrom is { } from && now < from)
        {
            return VoucherErrors.NotYetValid.With($"This coupon can be used from {from:yyyy-MM-dd}.", "code");
        }

        if (Channels.Count > 0 && !Channels.Contains(channel, StringComparer.Ordinal))
        {
            return VoucherErrors.WrongChannel.With($"This coupon is for {string.Join(", ", Channels)} only, not {channel}.", "code");
        }

        if (Stores.Count > 0 && (storeId is null || !Stores.Contains(storeId, StringComparer.Ordinal)))
        {
            return VoucherErrors.WrongStore.With($"This coupon is for the stores {string.Join(", ", Stores)} only.", "code");
        }

        return MembersOnly && !hasMember ? VoucherErrors.MemberRequired.With("This coupon is for members only: identify the member first.", "code") : null;
    }

    /// <summary>The discount this use may give, within what is left of the budget; a failure when the campaign is used up.</summary>
    public Result<decimal> Room(decimal discount)
    {
        if (MaxRedemptions is { } max && Redemptions >= max)
        {
            return VoucherErrors.CouponExhausted.With($"This coupon has been used its {max} times.", "code");
        }

        if (Budget is { } budget)
        {
            var left = budget - DiscountGiven;
            if (left <= 0)
            {
                return VoucherErrors.CouponExhausted.With("This coupon's budget is spent.", "code");
            }

            return Math.Min(discount, left);
        }

        return discount;
    }

    public void Record(decimal discount)
    {
        Redemptions++;
        DiscountGiven += discount;
    }

    /// <summary>A use taken back: its purchase came back whole.</summary>
    public void GiveBack(decimal discount)
    {
        Redemptions = Math.Max(Redemptions - 1, 0);
        DiscountGiven = Math.Max(DiscountGiven - discount, 0);
    }
}
