namespace Treu.Domain.Rewards;

/// <summary>What a voucher or a coupon gives on a basket.</summary>
public enum BenefitKind
{
    /// <summary>A fixed amount off the lines it may take from, at most what they cost.</summary>
    AmountOff,
    /// <summary>A percentage off the lines it may take from, up to a cap.</summary>
    PercentOff,
    /// <summary>One item of a product (by sku) or of a category for free: the cheapest that matches.</summary>
    FreeItem,
    /// <summary>A gift card or store credit: pays up to its value of any line of the basket.</summary>
    StoreCredit,
    /// <summary>A ticket or an experience: redeemed where it is used (at the cinema, the event), never on a basket.</summary>
    Entitlement,
}
