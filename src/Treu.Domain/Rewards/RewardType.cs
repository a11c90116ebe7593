namespace Treu.Domain.Rewards;

/// <summary>What a member gets for the points.</summary>
public enum RewardType
{
    /// <summary>A voucher for a fixed amount off a basket (€5 off).</summary>
    FixedDiscount,
    /// <summary>A voucher for a percentage off a basket, with a cap (10 % off, at most €20).</summary>
    PercentDiscount,
    /// <summary>A voucher for one free item: a product by sku, or any item of a category.</summary>
    FreeProduct,
    /// <summary>A gift card or store credit: a voucher that pays up to its value of any basket.</summary>
    GiftCard,
    /// <summary>An experience or event ticket: a voucher redeemed where it is used.</summary>
    Experience,
    /// <summary>The points buy a donation in the member's name; no voucher, a donation record and a receipt line.</summary>
    Donation,
}
