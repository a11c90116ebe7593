namespace Treu.Domain.Purchases;

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
