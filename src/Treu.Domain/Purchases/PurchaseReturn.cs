namespace Treu.Domain.Purchases;

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
