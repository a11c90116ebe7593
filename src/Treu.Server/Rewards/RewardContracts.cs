using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>A reward of the catalogue as a loyalty manager writes it. Texts are keyed by language: <c>{"de": "…", "en": "…"}</c>.</summary>
/// <param name="Id">1 to 64 of a-z, 0-9, '_' and '-'; made up when left out.</param>
/// <param name="PointsCost">What it costs, 1 to 10,000,000 points (0 for a donation matched by the retailer is not allowed: every reward costs points).</param>
/// <param name="Amount">Money off (fixed_discount), the value of a gift card, or the amount donated.</param>
/// <param name="Percent">For percent_discount: 1 to 100.</param>
/// <param name="MaxDiscount">For percent_discount: the most it takes off one basket.</param>
/// <param name="Sku">For free_product: the product given, by sku.</param>
/// <param name="Category">For free_product: any one item of this category (the cheapest in the basket).</param>
/// <param name="MinBasket">The smallest basket a discount voucher can be used on.</param>
/// <param name="DonationRecipient">For donation: who receives it.</param>
/// <param name="ValidFrom">When it can first be redeemed (UTC).</param>
/// <param name="ValidTo">When it can no longer be redeemed (UTC).</param>
/// <param name="VoucherValidDays">How long its voucher can be used after it is issued: 1 to 3,650 days (default 30).</param>
/// <param name="VoucherValidUntil">A last day for every voucher (an event's date).</param>
/// <param name="Stock">How many there are in all; unlimited when left out.</param>
/// <param name="LimitPerMember">How often one member may redeem it per limitPeriod.</param>
/// <param name="Tiers">Tier ids that may redeem it (e.g. gold, platinum); anyone when empty.</param>
/// <param name="Segments">Member tags (segments) that may redeem it, any one of them; anyone when empty.</param>
/// <param name="MinMemberDays">Days a member must have been enrolled.</param>
public sealed record RewardRequest(
    [property: MaxLength(64)] string? Id = null,
    RewardType? Type = null,
    [property: Range(1, 10_000_000)] long? PointsCost = null,
    [property: Range(0, 1_000_000)] decimal? Amount = null,
    [property: Range(0, 100)] decimal? Percent = null,
    [property: Range(0, 1_000_000)] decimal? MaxDiscount = null,
    [property: MaxLength(64)] string? Sku = null,
    [property: MaxLength(64)] string? Category = null,
    [property: Range(0, 1_000_000)] decimal? MinBasket = null,
    [property: MaxLength(200)] string? DonationRecipient = null,
    DateTime? ValidFrom = null,
    DateTime? ValidTo = null,
    [property: Range(1, 3650)] int? VoucherValidDays = null,
    DateTime? VoucherValidUntil = null,
    [property: Range(0, 100_000_000)] long? Stock = null,
    [property: Range(1, 1000)] int? LimitPerMember = null,
    LimitPeriod? LimitPeriod = null,
    [property: MaxLength(20)] string[]? Tiers = null,
    [property: MaxLength(20)] string[]? Segments = null,
    [property: Range(0, 3650)] int? MinMemberDays = null,
    Dictionary<string, string>? Name = null,
    Dictionary<string, string>? Description = null,
    Dictionary<string, string>? Terms = null,
    [property: Range(-1000, 1000)] int? SortOrder = null);

/// <summary>How a reward is doing: vouchers issued and redeemed, points spent, what is left.</summary>
/// <param name="Issued">Redemptions of the reward (vouchers issued and donations made), less those given back.</param>
/// <param name="Redeemed">Its vouchers used at a till or in the webshop.</param>
/// <param name="StockLeft">Null when the stock is unlimited.</param>
public sealed record RewardStats(long Issued, long Redeemed, long Expired, long Cancelled, long PointsSpent, long? StockLeft);

/// <summary>A reward as the loyalty manager sees it.</summary>
public sealed record RewardView(
    string Id,
    [property: AllowedValues(RewardStatus.Draft, RewardStatus.Active, RewardStatus.Inactive)] string Status,
    bool OnOffer,
    RewardType Type,
    long PointsCost,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Amount,
    decimal? Percent,
    [property: JsonConverter(typeof(MoneyJson))] decimal? MaxDiscount,
    string? Sku,
    string? Category,
    [property: JsonConverter(typeof(MoneyJson))] decimal? MinBasket,
    string? DonationRecipient,
    DateTime? ValidFrom,
    DateTime? ValidTo,
    int VoucherValidDays,
    DateTime? VoucherValidUntil,
    long? Stock,
    int? LimitPerMember,
    LimitPeriod LimitPeriod,
    IReadOnlyList<string> Tiers,
    IReadOnlyList<string> Segments,
    int? MinMemberDays,
    IReadOnlyDictionary<string, string> Name,
    IReadOnlyDictionary<string, string> Description,
    IReadOnlyDictionary<string, string> Terms,
    string? ImageUrl,
    int SortOrder,
    RewardStats Stats,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedBy);

/// <summary>A reward as one member sees it, in the member's language: whether it can be had now, and if not, why.</summary>
/// <param name="CanRedeem">Eligible, in stock, within the limit, and affordable now.</param>
/// <param name="Affordable">The member has the points now.</param>
/// <param name="PointsMissing">How many points the member lacks (0 when affordable).</param>
/// <param name="NotRedeemableBecause">
/// Stable: not_available, member_blocked, tier_required, segment_required, membership_too_short, sold_out, limit_reached, not_enough_points.
/// </param>
/// <param name="Reason">The reason in the member's language ("120 points missing", "Gold only", "Sold out").</param>
public sealed record MemberRewardView(
    string Id,
    RewardType Type,
    string Name,
    string Description,
    string Terms,
    long PointsCost,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Amount,
    decimal? Percent,
    string? ImageUrl,
    long? StockLeft,
    DateTime? ValidTo,
    bool CanRedeem,
    bool Affordable,
    long PointsMissing,
    string? NotRedeemableBecause,
    string? Reason);

/// <summary>The catalogue as one member sees it: what can be had now first, then what is within reach, then the rest.</summary>
public sealed record MemberCatalogueView(string MemberId, string Language, long Available, IReadOnlyList<MemberRewardView> Rewards);

/// <summary>A donation the member's points made.</summary>
public sealed record DonationView(
    string Id, string Recipient, [property: JsonConverter(typeof(MoneyJson))] decimal Amount, string Currency, long PointsSpent, string ReceiptLine, DateTime CreatedAt);

/// <summary>What redeeming a reward gave: a voucher, or for a donation the donation record, and the member's balance after it.</summary>
public sealed record RewardRedemptionView(
    string RewardId, string MemberId, long PointsSpent, string LedgerEntryId, VoucherView? Voucher, DonationView? Donation, BalanceView Balance);
