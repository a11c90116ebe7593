namespace Treu.Domain.Purchases;

/// <summary>A basket as recorded: what earned, what was redeemed, and per line what has been returned since.</summary>
public sealed class Purchase
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string Channel { get; set; }

    /// <summary>Empty string, not null, when there is no store: it is part of the receipt id's unique key.</summary>
    public string StoreId { get; set; } = "";
    public required string ExternalId { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string Currency { get; set; }
    public decimal Total { get; set; }
    public decimal EligibleAmount { get; set; }
    public long PointsEarned { get; set; }
    public bool EarnedPending { get; set; }
    public long PointsRedeemed { get; set; }
    public decimal RedeemedValue { get; set; }
    public string? EarnLotId { get; set; }

    /// <summary>Money back from cashback rules, recorded for the cashback wallet.</summary>
    public decimal Cashback { get; set; }

    /// <summary>How the basket was paid (card, cash, voucher …), comma-separated, as payment-method rules saw it.</summary>
    public string? PaymentMethods { get; set; }

    /// <summary>How the points were computed, as returned to the till (JSON).</summary>
    public string Breakdown { get; set; } = "[]";
    public List<PurchaseLine> Lines { get; set; } = [];
}

public sealed class PurchaseLine
{
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string PurchaseId { get; set; }
    public int LineNo { get; set; }
    public required string Sku { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }
    public string? Brand { get; set; }
    public decimal Quantity { get; set; }
    public decimal UnitPrice { get; set; }
    public decimal Discount { get; set; }
    public decimal NetAmount { get; set; }
    public decimal EligibleAmount { get; set; }
    public long PointsEarned { get; set; }
    public long PointsRedeemed { get; set; }
    public decimal ReturnedQuantity { get; set; }
    public long PointsReversed { get; set; }
    public long PointsRefunded { get; set; }

    public decimal ReturnableQuantity => Quantity - ReturnedQuantity;
}

/// <summary>A return of some lines of a purchase, kept so the same receipt is never reversed twice.</summary>
public sealed class PurchaseReturn
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string PurchaseId { get; set; }
    public required string MemberId { get; set; }
    public required string Channel { get; set; }
    public string StoreId { get; set; } = "";
    public string? ExternalId { get; set; }
    public DateTime RecordedAt { get; set; }
    public long PointsReversed { get; set; }
    public long PointsRefunded { get; set; }

    /// <summary>Points that could not be taken back because the member had already spent them (clamp policy).</summary>
    public long Shortfall { get; set; }
    public string? Reason { get; set; }
    public List<ReturnLine> Lines { get; set; } = [];
}

/// <summary>What one return took back of one purchase line.</summary>
public sealed class ReturnLine
{
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string ReturnId { get; set; }
    public int LineNo { get; set; }
    public required string Sku { get; set; }
    public decimal Quantity { get; set; }
    public long PointsReversed { get; set; }
    public long PointsRefunded { get; set; }
}
