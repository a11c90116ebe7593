namespace Treu.Domain.Rewards;

/// <summary>A donation the member's points bought, in the member's name: kept for the member's receipt and the program's accounts.</summary>
public sealed class Donation
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string RewardId { get; set; }
    public required string Recipient { get; set; }
    public decimal Amount { get; set; }
    public required string Currency { get; set; }
    public long PointsSpent { get; set; }

    /// <summary>The line the member's receipt or statement shows.</summary>
    public required string ReceiptLine { get; set; }
    public DateTime CreatedAt { get; set; }
}
