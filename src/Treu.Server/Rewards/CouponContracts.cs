using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;

namespace Treu.Server.Rewards;

/// <summary>A coupon campaign as a loyalty manager writes it: a benefit, one public code or unique codes, and the constraints.</summary>
/// <param name="Kind">amount_off, percent_off or free_item.</param>
/// <param name="PublicCode">The one code everybody uses (WELCOME10): 3 to 32 letters and digits. Leave it out to hand out unique codes instead.</param>
/// <param name="CodePrefix">The prefix of unique codes: 2 to 8 letters and digits (default CPN).</param>
/// <param name="MinBasket">The smallest basket the code works on.</param>
/// <param name="Categories">The discount comes off these categories only (and a free item is one of them); any when empty.</param>
/// <param name="Skus">The discount comes off these skus only; any when empty.</param>
/// <param name="FirstPurchaseOnly">Only on a member's first purchase.</param>
/// <param name="OncePerMember">Each member uses it once.</param>
/// <param name="MembersOnly">Only for identified members; otherwise guests may use it too.</param>
/// <param name="MaxRedemptions">How often it can be used in all.</param>
/// <param name="Budget">How much discount it may give in all, in money.</param>
/// <param name="Channels">Where it works (store, webshop, app); everywhere when empty.</param>
/// <param name="Stores">In which stores it works; in all when empty.</param>
public sealed record CouponRequest(
    [property: MaxLength(64)] string? Id = null,
    [property: MaxLength(100)] string? Name = null,
    [property: MaxLength(1000)] string? Description = null,
    [property: MaxLength(2000)] string? Terms = null,
    BenefitKind? Kind = null,
    [property: Range(0, 1_000_000)] decimal? Amount = null,
    [property: Range(0, 100)] decimal? Percent = null,
    [property: Range(0, 1_000_000)] decimal? MaxDiscount = null,
    [property: MaxLength(64)] string? Sku = null,
    [property: MaxLength(64)] string? Category = null,
    [property: MaxLength(32)] string? PublicCode = null,
    [property: MaxLength(8)] string? CodePrefix = null,
    [property: Range(0, 1_000_000)] decimal? MinBasket = null,
    [property: MaxLength(100)] string[]? Categories = null,
    [property: MaxLength(100)] string[]? Skus = null,
    bool? FirstPurchaseOnly = null,
    bool? OncePerMember = null,
    bool? MembersOnly = null,
    [property: Range(1, 100_000_000)] long? MaxRedemptions = null,
    [property: Range(0, 100_000_000)] decimal? Budget = null,
    [property: MaxLength(5)] string[]? Channels = null,
    [property: MaxLength(100)] string[]? Stores = null,
    DateTime? ValidFrom = null,
    DateTime? ValidTo = null);

/// <summary>How a campaign is doing.</summary>
/// <param name="RedemptionsLeft">Null when the number of uses is unlimited.</param>
/// <param name="BudgetLeft">Null when the budget is unlimited.</param>
public sealed record CouponStats(long CodesIssued, long Redemptions, [property: JsonConverter(typeof(MoneyJson))] decimal DiscountGiven, long? RedemptionsLeft,
    [property: JsonConverter(typeof(MoneyJson))] decimal? BudgetLeft);

public sealed record CouponView(
    string Id,
    string Name,
    string? Description,
    string? Terms,
    [property: AllowedValues(RewardStatus.Draft, RewardStatus.Active, RewardStatus.Inactive)] string Status,
    bool Running,
    BenefitView Benefit,
    string? PublicCode,
    string CodePrefix,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Skus,
    bool FirstPurchaseOnly,
    bool OncePerMember,
    bool MembersOnly,
    long? MaxRedemptions,
    [property: JsonConverter(typeof(MoneyJson))] decimal? Budget,
    IReadOnlyList<string> Channels,
    IReadOnlyList<string> Stores,
    DateTime? ValidFrom,
    DateTime? ValidTo,
    CouponStats Stats,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedBy);

/// <param name="Count">1 to 100,000 unique codes per request.</param>
/// <param name="ValidTo">An end for these codes, earlier than the campaign's own.</param>
public sealed record GenerateCodesRequest([property: Range(1, CouponCodes.MaxPerRequest)] int? Count = null, DateTime? ValidTo = null);

public sealed record GeneratedCodesView(string CampaignId, int Generated, long CodesIssued, string ExportUrl);

/// <param name="MemberIds">1 to 1,000 members, each given a code of their own.</param>
public sealed record AssignCodesRequest([property: MinLength(1), MaxLength(1000)] string[]? MemberIds = null, DateTime? ValidTo = null);

public sealed record AssignedCodeView(string MemberId, string Code);

public sealed record AssignedCodesView(string CampaignId, IReadOnlyList<AssignedCodeView> Codes);

/// <summary>One unique code of a campaign as the console shows it: whether it is a member's own, never whose.</summary>
public sealed record CouponCodeView(string Code, string Status, bool Assigned, DateTime? ValidTo, DateTime? RedeemedAt);
