using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <param name="Sku">The article number; a return names lines by it.</param>
/// <param name="Name">What the receipt says.</param>
/// <param name="Category">Decides what earns: the program's excluded categories (tax, shipping, gift_card …) earn nothing.</param>
/// <param name="Quantity">From 0.001 to 100,000, with at most 3 decimal places (goods sold by weight: 0.125 kg).</param>
/// <param name="UnitPrice">Price of one unit, in the basket's currency: 0 to 1,000,000, to its smallest unit (2 decimal places in EUR). A line
/// with a price comes to at least that unit (€0.01).</param>
/// <param name="Discount">Discount on the whole line, in money, to the currency's smallest unit; points are earned net of it.</param>
/// <param name="Brand">For rules on brands ("3× on Alnatura").</param>
public sealed record PurchaseLineInput(
    [property: MaxLength(64)] string? Sku,
    [property: MaxLength(200)] string? Name = null,
    [property: MaxLength(64)] string? Category = null,
    [property: Range(0, (double)BasketValidation.MaxQuantity, MinimumIsExclusive = true)] decimal? Quantity = null,
    [property: Range(0, (double)BasketValidation.MaxUnitPrice)] decimal? UnitPrice = null,
    [property: Range(0, (double)(BasketValidation.MaxQuantity * BasketValidation.MaxUnitPrice))] decimal? Discount = null,
    [property: MaxLength(64)] string? Brand = null);

/// <summary>
/// A purchase from a till, the webshop or the app. <c>externalId</c> is the receipt or order id: together with
/// channel and store it identifies the purchase forever, so a till that sends it again gets the first answer.
/// </summary>
/// <param name="MemberId">The member, as identified by a look-up.</param>
/// <param name="ExternalId">The receipt or order id.</param>
/// <param name="Channel">store, webshop, app; defaults to the key's channel (only an admin key may name another).</param>
/// <param name="StoreId">Defaults to the store the key is bound to.</param>
/// <param name="OccurredAt">When the purchase happened (UTC), for a till that syncs later; the return window starts here. Defaults to now.</param>
/// <param name="Currency">ISO 4217; must be the program's currency.</param>
/// <param name="Lines">1 to 500 lines.</param>
/// <param name="RedeemPoints">Points to spend at this checkout, within the program's limits.</param>
/// <param name="PaymentMethods">How the basket was paid (card, cash, paypal …), for rules on payment methods.</param>
/// <param name="Vouchers">
/// Up to 5 voucher or coupon codes, as typed or scanned, applied in this order: their discounts come off the lines before the points are
/// computed, and they are used with the purchase.
/// </param>
public sealed record PurchaseRequest(
    [property: MaxLength(64)] string? MemberId,
    [property: MaxLength(100)] string? ExternalId,
    [property: StringLength(3, MinimumLength = 3)] string? Currency,
    [property: MinLength(1), MaxLength(BasketValidation.DefaultMaxLines)] PurchaseLineInput[]? Lines,
    [property: Range(0, BasketValidation.MaxPoints)] long? RedeemPoints = null,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string? Channel = null,
    [property: MaxLength(64)] string? StoreId = null,
    DateTime? OccurredAt = null,
    [property: MaxLength(10)] string[]? PaymentMethods = null,
    [property: MaxLength(PurchaseRequest.MaxVouchers)] string[]? Vouchers = null)
{
    public const int MaxVouchers = 5;
}

public sealed record ReturnLineInput(
    [property: MaxLength(64)] string? Sku,
    [property: Range(0, (double)BasketValidation.MaxQuantity, MinimumIsExclusive = true)] decimal? Quantity);

/// <summary>Lines to return by sku and quantity; without lines, everything not yet returned.</summary>
/// <param name="ExternalId">The return receipt's id: with channel and store, an idempotency key.</param>
/// <param name="Lines">What comes back; without lines, everything not yet returned.</param>
public sealed record ReturnRequest(
    [property: MaxLength(100)] string? ExternalId = null,
    [property: MaxLength(BasketValidation.DefaultMaxLines)] ReturnLineInput[]? Lines = null,
    [property: MaxLength(500)] string? Reason = null,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string? Channel = null,
    [property: MaxLength(64)] string? StoreId = null);

public sealed record BalanceView(long Available, long Pending);

public sealed record EarnedView(long Points, [property: AllowedValues("pending", "available")] string Status, DateTime? AvailableAt)
{
    /// <summary>Points a basket earns: pending through the return window from when it was bought, or available at once.</summary>
    public static EarnedView Of(LoyaltyProgram program, long points, DateTime occurredAt, DateTime now)
    {
        var availableAt = Clock.ToStoredPrecision(occurredAt).AddDays(program.PendingDays);
        return availableAt > now ? new EarnedView(points, "pending", availableAt) : new EarnedView(points, "available", null);
    }
}

public sealed record RedeemedView(long Points, [property: JsonConverter(typeof(MoneyJson))] decimal Value);

public sealed record LineView(
    int LineNo, string Sku, string? Name, string? Category, decimal Quantity,
    [property: JsonConverter(typeof(MoneyJson))] decimal UnitPrice, [property: JsonConverter(typeof(MoneyJson))] decimal Discount,
    [property: JsonConverter(typeof(MoneyJson))] decimal NetAmount, [property: JsonConverter(typeof(MoneyJson))] decimal EligibleAmount,
    long PointsEarned, long PointsRedeemed, decimal ReturnedQuantity, string? ExcludedBecause)
{
    /// <summary>A line of a basket not yet recorded (a preview).</summary>
    public static LineView Of(BasketLine l, int no, LineEarning e, long points) =>
        new(no, l.Sku, l.Name, l.Category, l.Quantity, l.UnitPrice, l.Discount, e.NetAmount, e.EligibleAmount, points, e.PointsRedeemed, 0, e.ExcludedBecause);
}

/// <summary>A voucher or coupon used on a basket, and what it took off which line.</summary>
/// <param name="Source">reward (a voucher bought with points) or coupon.</param>
public sealed record AppliedVoucherView(
    string Code,
    [property: AllowedValues("reward", "coupon")] string Source,
    string Name,
    Treu.Domain.Rewards.BenefitKind Kind,
    [property: JsonConverter(typeof(MoneyJson))] decimal Discount,
    IReadOnlyList<AppliedVoucherLine> Lines);

/// <summary>One line's share of a voucher's discount.</summary>
public sealed record AppliedVoucherLine(int LineNo, [property: JsonConverter(typeof(MoneyJson))] decimal Discount);

/// <param name="Tier">When this purchase took the member to another tier: from which to which (the rules of this purchase saw the tier before).</param>
public sealed record PurchaseView(
    string Id,
    string MemberId,
    string ExternalId,
    [property: AllowedValues("store", "webshop", "app", "admin", "import")] string Channel,
    string? StoreId,
    DateTime OccurredAt,
    string Currency,
    [property: JsonConverter(typeof(MoneyJson))] decimal Total,
    [property: JsonConverter(typeof(MoneyJson))] decimal AmountToPay,
    [property: JsonConverter(typeof(MoneyJson))] decimal EligibleAmount,
    EarnedView Earned,
    RedeemedView Redeemed,
    [property: JsonConverter(typeof(MoneyJson))] decimal Cashback,
    BalanceView Balance,
    IReadOnlyList<EarnRuleView> Breakdown,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<AppliedVoucherView> Vouchers,
    Tiers.TierMoveView? Tier = null)
{
    /// <param name="excluded">Why each line earned nothing, as computed when it was recorded; without it, said again from the program's excluded categories.</param>
    /// <param name="tier">The tier change this purchase made, in the answer to its recording.</param>
    public static PurchaseView From(Purchase p, IReadOnlyList<EarnRuleView> breakdown, Member member, LoyaltyProgram program, string?[]? excluded,
        Tiers.TierMoveView? tier = null) => new(
        p.Id, p.MemberId, p.ExternalId, p.Channel, p.StoreId == "" ? null : p.StoreId, p.OccurredAt, p.Currency, p.Total,
        p.Total - p.RedeemedValue, p.EligibleAmount,
        p.EarnedPending ? new EarnedView(p.PointsEarned, "pending", p.OccurredAt.AddDays(program.PendingDays)) : new EarnedView(p.PointsEarned, "available", null),
        new RedeemedView(p.PointsRedeemed, p.RedeemedValue),
        p.Cashback,
        new BalanceView(member.Available, member.Pending),
        breakdown,
        p.Lines.OrderBy(l => l.LineNo).Select(l => new LineView(l.LineNo, l.Sku, l.Name, l.Category, l.Quantity, l.UnitPrice, l.Discount, l.NetAmount,
            l.EligibleAmount, l.PointsEarned, l.PointsRedeemed, l.ReturnedQuantity,
            excluded?[l.LineNo - 1]
                ?? (l.EligibleAmount == 0 && l.Category is { } c && program.ExcludedCategories.Contains(c) ? $"category '{c}' does not earn points" : null))).ToList(),
        VouchersOf(p),
        tier);

    /// <summary>The vouchers and coupons used on the purchase, as recorded with it.</summary>
    public static IReadOnlyList<AppliedVoucherView> VouchersOf(Purchase p) =>
        p.Vouchers is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<AppliedVoucherView>>(p.Vouchers, Json.StoredData) ?? [];
}

public sealed record RedeemPreview(
    long Requested, [property: JsonConverter(typeof(MoneyJson))] decimal Value,
    long MaxRedeemable, [property: JsonConverter(typeof(MoneyJson))] decimal MaxRedeemableValue,
    bool Allowed, string? RefusedCode, string? RefusedBecause);

public sealed record PreviewView(
    string? MemberId,
    string Currency,
    [property: JsonConverter(typeof(MoneyJson))] decimal Total,
    [property: JsonConverter(typeof(MoneyJson))] decimal AmountToPay,
    [property: JsonConverter(typeof(MoneyJson))] decimal EligibleAmount,
    EarnedView Earned,
    RedeemPreview Redeem,
    [property: JsonConverter(typeof(MoneyJson))] decimal Cashback,
    BalanceView? Balance,
    IReadOnlyList<EarnRuleView> Breakdown,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<AppliedVoucherView> Vouchers);

public sealed record ReturnedLineView(string Sku, int LineNo, decimal Quantity, long PointsReversed, long PointsRefunded);

/// <param name="Tier">When the program demotes at once on a return and this one took the member below the tier held.</param>
public sealed record ReturnView(
    string Id,
    string TransactionId,
    string MemberId,
    string? ExternalId,
    IReadOnlyList<ReturnedLineView> Lines,
    long PointsReversed,
    long ReversedFromPending,
    long ReversedFromAvailable,
    long PointsRefunded,
    long Shortfall,
    BalanceView Balance,
    Tiers.TierMoveView? Tier = null);
