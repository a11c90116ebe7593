using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>What a voucher or coupon gives.</summary>
/// <param name="Description">In words, in English: "€5.00 off", "10 % off, at most €20.00", "1 free item of coffee".</param>
public sealed record BenefitView(
    BenefitKind Kind,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Amount,
    decimal? Percent,
    [property: JsonConverter(typeof(MoneyJson))] decimal? MaxDiscount,
    string? Sku,
    string? Category,
    [property: JsonConverter(typeof(MoneyJson))] decimal? MinBasket,
    string Description);

/// <summary>A voucher or a coupon code.</summary>
/// <param name="Source">reward: bought with points, personal; coupon: a coupon campaign's code.</param>
/// <param name="Status">Now: an unused voucher past its end date is expired, a lapsed reservation is none.</param>
/// <param name="QrUrl">A PNG of the code as a QR code, for the wallet and print-outs.</param>
public sealed record VoucherView(
    string Code,
    [property: AllowedValues("reward", "coupon")] string Source,
    VoucherStatus Status,
    string? MemberId,
    string? RewardId,
    string? CampaignId,
    IReadOnlyDictionary<string, string> Name,
    IReadOnlyDictionary<string, string> Terms,
    BenefitView Benefit,
    DateTime? ValidFrom,
    DateTime? ValidTo,
    DateTime? IssuedAt,
    long PointsSpent,
    DateTime? ReservedUntil,
    DateTime? RedeemedAt,
    string? TransactionId,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Discount,
    long PointsRefunded,
    string QrUrl);

/// <summary>A page of a member's vouchers, newest first.</summary>
public sealed record VoucherPage(IReadOnlyList<VoucherView> Items, string? NextCursor);

/// <summary>A code and, optionally, the basket it is for: what validating, reserving and redeeming a code are asked about.</summary>
/// <param name="Code">As typed or scanned: case, spaces and dashes do not matter.</param>
/// <param name="MemberId">The member whose basket it is, if identified: personal vouchers, members-only and once-per-member coupons need it.</param>
/// <param name="ExternalId">The receipt or order id the code is used or held for.</param>
/// <param name="Lines">The basket, to learn exactly what the code gives on it; left out, only whether the code can be used.</param>
public sealed record VoucherCheckRequest(
    [property: MaxLength(64)] string? Code = null,
    [property: MaxLength(64)] string? MemberId = null,
    [property: MaxLength(100)] string? ExternalId = null,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string? Channel = null,
    [property: MaxLength(64)] string? StoreId = null,
    [property: StringLength(3, MinimumLength = 3)] string? Currency = null,
    [property: MaxLength(BasketValidation.DefaultMaxLines)] PurchaseLineInput[]? Lines = null);

/// <summary>One line's share of a voucher's discount.</summary>
public sealed record LineDiscountView(int LineNo, [property: JsonConverter(typeof(MoneyJson))] decimal Discount);

/// <summary>What a code gives on a basket: usable, the discount and each line's share of it, and what is left to pay.</summary>
/// <param name="Discount">Null when no basket was given.</param>
/// <param name="AmountToPay">The basket's total less this discount; null when no basket was given.</param>
public sealed record VoucherValidationView(
    string Code,
    bool Usable,
    VoucherView Voucher,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Discount,
    [property: JsonConverter(typeof(MoneyJson))] decimal? AmountToPay,
    IReadOnlyList<LineDiscountView> Lines);

/// <summary>A code used once, on a receipt or an order.</summary>
public sealed record VoucherRedemptionView(
    string Code, string ExternalId, [property: JsonConverter(typeof(MoneyJson))] decimal? Discount, IReadOnlyList<LineDiscountView> Lines, VoucherView Voucher);
