namespace Treu.Domain.Ledger;

/// <summary>
/// Points earned together, with one expiry date. Spending takes from the lots that expire first; the expiry job
/// expires what is left of a lot on its date.
/// </summary>
public sealed class PointsLot
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public LotState State { get; set; }
    public long Original { get; set; }
    public long Remaining { get; set; }
    public DateTime EarnedAt { get; set; }

    /// <summary>When a pending lot becomes available.</summary>
    public DateTime? AvailableAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public required string CauseType { get; set; }
    public required string CauseId { get; set; }

    /// <summary>The order spending consumes lots in: earliest expiry first, never-expiring last, then oldest.</summary>
    public static IEnumerable<PointsLot> InSpendingOrder(IEnumerable<PointsLot> lots) =>
        lots.Where(l => l.State == LotState.Available && l.Remaining > 0)
            .OrderBy(l => l.ExpiresAt ?? DateTime.MaxValue)
            .ThenBy(l => l.EarnedAt)
            .ThenBy(l => l.Id, StringComparer.Ordinal);
}
