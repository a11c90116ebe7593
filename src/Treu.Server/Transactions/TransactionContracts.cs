using Treu.Domain.Purchases;

namespace Treu.Server.Transactions;

public sealed record PurchaseLineInput(string? Sku, string? Name, string? Category, decimal? Quantity, decimal? UnitPrice, decimal? Discount);

/// <summary>
/// A purchase from a till, the webshop or the app. <c>externalId</c> is the receipt or order id: together with
/// channel and store it identifies the purchase forever, so a till that sends it again gets the first answer.
/// </summary>
public sealed record PurchaseRequest(
    string? MemberId,
    string? ExternalId,
    string? Channel,
    string? StoreId,
    DateTime? OccurredAt,
    string? Currency,
    PurchaseLineInput[]? Lines,
    long? RedeemPoints);

public sealed record ReturnLineInput(string? Sku, decimal? Quantity);

/// <summary>Lines to return by sku and quantity; without lines, everything not yet returned.</summary>
public sealed record ReturnRequest(string? ExternalId, string? Channel, string? StoreId, ReturnLineInput[]? Lines, string? Reason);

public sealed record BalanceView(long Available, long Pending);

public sealed record EarnedView(long Points, string Status, DateTime? AvailableAt);

public sealed record RedeemedView(long Points, decimal Value);

public sealed record LineView(
    int LineNo, string Sku, string? Name, string? Category, decimal Quantity, decimal UnitPrice, decimal Discount,
    decimal NetAmount, decimal EligibleAmount, long PointsEarned, long PointsRedeemed, decimal ReturnedQuantity, string? ExcludedBecause);

public sealed record PurchaseView(
    string Id,
    string MemberId,
    string ExternalId,
    string Channel,
    string? StoreId,
    DateTime OccurredAt,
    string Currency,
    decimal Total,
    decimal AmountToPay,
    decimal EligibleAmount,
    EarnedView Earned,
    RedeemedView Redeemed,
    BalanceView Balance,
    IReadOnlyList<EarnStep> Breakdown,
    IReadOnlyList<LineView> Lines);

public sealed record RedeemPreview(long Requested, decimal Value, long MaxRedeemable, decimal MaxRedeemableValue, bool Allowed, string? RefusedCode, string? RefusedBecause);

public sealed record PreviewView(
    string? MemberId,
    string Currency,
    decimal Total,
    decimal AmountToPay,
    decimal EligibleAmount,
    EarnedView Earned,
    RedeemPreview Redeem,
    BalanceView? Balance,
    IReadOnlyList<EarnStep> Breakdown,
    IReadOnlyList<LineView> Lines);

public sealed record ReturnedLineView(string Sku, int LineNo, decimal Quantity, long PointsReversed, long PointsRefunded);

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
    BalanceView Balance);
