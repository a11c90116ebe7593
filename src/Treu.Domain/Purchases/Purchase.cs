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
