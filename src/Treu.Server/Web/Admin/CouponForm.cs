using Treu.Domain.Rewards;
using Treu.Server.Rewards;

namespace Treu.Server.Web.Admin;

/// <summary>
/// The coupon screen's form: the benefit, the code (one public code or a prefix for unique ones), the limits and the
/// validity. A change is sent as the whole campaign the API's PUT takes, what the form does not show (terms, categories,
/// skus, channels, stores, the largest discount, first purchase only) taken over unchanged.
/// </summary>
public sealed class CouponForm
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public BenefitKind? Kind { get; set; } = BenefitKind.AmountOff;
    public decimal? Amount { get; set; }
    public decimal? Percent { get; set; }
    public string? Sku { get; set; }
    public string? PublicCode { get; set; }
    public string? CodePrefix { get; set; }
    public decimal? MinBasket { get; set; }
    public long? MaxRedemptions { get; set; }
    public decimal? Budget { get; set; }
    public bool OncePerMember { get; set; }
    public bool MembersOnly { get; set; }
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }

    public static CouponForm From(CouponView c) => new()
    {
        Id = c.Id,
        Name = c.Name,
        Description = c.Description,
        Kind = c.Benefit.Kind,
        Amount = c.Benefit.Amount,
        Percent = c.Benefit.Percent,
        Sku = c.Benefit.Sku,
        PublicCode = c.PublicCode,
        CodePrefix = c.PublicCode is null ? c.CodePrefix : null,
        MinBasket = c.Benefit.MinBasket,
        MaxRedemptions = c.MaxRedemptions,
        Budget = c.Budget,
        OncePerMember = c.OncePerMember,
        MembersOnly = c.MembersOnly,
        ValidFrom = c.ValidFrom,
        ValidTo = c.ValidTo,
    };

    public CouponRequest ToRequest(CouponView? current) => new(
        Id: current is null && !string.IsNullOrWhiteSpace(Id) ? Id.Trim() : null,
        Name: Name,
        Description: string.IsNullOrWhiteSpace(Description) ? null : Description,
        Terms: current?.Terms,
        Kind: Kind,
        Amount: Kind == BenefitKind.AmountOff ? Amount : null,
        Percent: Kind == BenefitKind.PercentOff ? Percent : null,
        MaxDiscount: current?.Benefit.MaxDiscount,
        Sku: Kind == BenefitKind.FreeItem && !string.IsNullOrWhiteSpace(Sku) ? Sku : null,
        Category: Kind == BenefitKind.FreeItem && string.IsNullOrWhiteSpace(Sku) ? current?.Benefit.Category : null,
        PublicCode: string.IsNullOrWhiteSpace(PublicCode) ? null : PublicCode.Trim(),
        CodePrefix: string.IsNullOrWhiteSpace(CodePrefix) ? null : CodePrefix.Trim(),
        MinBasket: MinBasket,
        Categories: current?.Categories.ToArray(),
        Skus: current?.Skus.ToArray(),
        FirstPurchaseOnly: current?.FirstPurchaseOnly,
        OncePerMember: OncePerMember,
        MembersOnly: MembersOnly,
        MaxRedemptions: MaxRedemptions,
        Budget: Budget,
        Channels: current?.Channels.ToArray(),
        Stores: current?.Stores.ToArray(),
        ValidFrom: ValidFrom is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
        ValidTo: ValidTo is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null);
}
