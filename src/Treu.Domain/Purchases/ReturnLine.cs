namespace Treu.Domain.Purchases;

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
