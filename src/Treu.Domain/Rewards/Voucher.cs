using Treu.Domain.Common;

namespace Treu.Domain.Rewards;

/// <summary>
/// A code that carries a benefit to the till or the webshop: issued by a reward (bought with points, personal to its
/// member) or one of a coupon campaign's unique codes (free, for anyone or assigned to a member). Its life:
/// issued → (reserved for one basket for a few minutes) → redeemed, or expired or cancelled unused. A redeemed voucher
/// whose purchase comes back whole is issued again until its end date.
/// </summary>
public sealed class Voucher
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }

    /// <summary>The canonical code (<see cref="VoucherCode"/>), unique in the program.</summary>
    public required string Code { get; set; }

    /// <summary>The member it belongs to; null for a coupon code anyone may use.</summary>
    public string? MemberId { get; set; }
    public string? RewardId { get; set; }
    public string? CampaignId { get; set; }
    public VoucherStatus Status { get; set; }

    /// <summary>A reward voucher's benefit, as promised when it was issued; a coupon code's comes from its campaign.</summary>
    public BenefitKind? Kind { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Percent { get; set; }
    public decimal? MaxDiscount { get; set; }
    public string? Sku { get; set; }
    public string? Category { get; set; }
    public decimal? MinBasket { get; set; }

    /// <summary>A reward voucher's name and terms by language, as they were when it was issued.</summary>
    public Dictionary<string, string> Name { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Terms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When it can be used (UTC); a coupon code without its own dates has its campaign's.</summary>
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public DateTime IssuedAt { get; set; }

    public long PointsSpent { get; set; }

    /// <summary>Which lots the points came from, with their expiry dates, for a refund.</summary>
    public List<SpentPoints> SpentLots { get; set; } = [];

    /// <summary>The basket a reservation holds it for (channel, store and receipt id) and until when.</summary>
    public string? ReservedFor { get; set; }
    public DateTime? ReservedUntil { get; set; }

    public DateTime? RedeemedAt { get; set; }
    public string? RedeemedPurchaseId { get; set; }
    public string? RedeemedExternalId { get; set; }
    public decimal RedeemedDiscount { get; set; }

    /// <summary>When it expired or was cancelled, and the points given back then.</summary>
    public DateTime? ClosedAt { get; set; }
    public long PointsRefunded { get; set; }

    public Benefit? OwnBenefit => Kind is { } kind ? new Benefit(kind, Amount, Percent, MaxDiscount, Sku, Category) : null;

    /// <summary>The status as a member or a till sees it now: an unused voucher past its end date is expired, a lapsed reservation is no reservation.</summary>
    public VoucherStatus StatusAt(DateTime now, DateTime? validTo)
    {
        if (Status is VoucherStatus.Issued or VoucherStatus.Reserved && validTo is { } to && to <= now)
        {
            return VoucherStatus.Expired;
        }

        return Status == VoucherStatus.Reserved && ReservedUntil <= now ? VoucherStatus.Issued : Status;
    }

    /// <summary>Why it cannot be used now by the basket <paramref name="holder"/> names, or null.</summary>
    public Failure? Unusable(DateTime now, string? holder, DateTime? validFrom, DateTime? validTo)
    {
        switch (StatusAt(now, validTo))
        {
            case VoucherStatus.Cancelled:
                return VoucherErrors.Cancelled.With("This voucher was cancelled.", "code");
            case VoucherStatus.Redeemed:
                return VoucherErrors.AlreadyRedeemed.With($"This voucher was already used on {RedeemedAt:yyyy-MM-dd HH:mm} UTC.", "code");
            case VoucherStatus.Expired:
                return VoucherErrors.Expired.With($"This voucher expired on {validTo ?? ClosedAt:yyyy-MM-dd}.", "code");
            case VoucherStatus.Reserved when ReservedFor != holder:
                return VoucherErrors.Reserved.With($"This voucher is held for another basket until {ReservedUntil:HH:mm:ss} UTC.", "code");
        }

        return validFrom is { } from && now < from ? VoucherErrors.NotYetValid.With($"This voucher can be used from {from:yyyy-MM-dd}.", "code") : null;
    }

    public void Reserve(string holder, DateTime until)
    {
        Status = VoucherStatus.Reserved;
        ReservedFor = holder;
        ReservedUntil = until;
    }

    public void Redeem(DateTime now, string? purchaseId, string externalId, decimal discount)
    {
        Status = VoucherStatus.Redeemed;
        RedeemedAt = now;
        RedeemedPurchaseId = purchaseId;
        RedeemedExternalId = externalId;
        RedeemedDiscount = discount;
        ReservedFor = null;
        ReservedUntil = null;
    }

    /// <summary>Its purchase came back whole: it can be used again until its end date (after which it expires as any unused voucher does).</summary>
    public void Restore()
    {
        Status = VoucherStatus.Issued;
        RedeemedAt = null;
        RedeemedPurchaseId = null;
        RedeemedExternalId = null;
        RedeemedDiscount = 0;
    }

    /// <summary>Closes an unused voucher (expired or cancelled), recording the points given back.</summary>
    public void Close(VoucherStatus status, DateTime now, long refunded)
    {
        Status = status;
        ClosedAt = now;
        PointsRefunded = refunded;
        ReservedFor = null;
        ReservedUntil = null;
    }
}
