namespace Treu.Server.Storage;

public sealed class PointsTransfer
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string FromMemberId { get; set; }
    public required string ToMemberId { get; set; }
    public long Points { get; set; }
    public required string Reason { get; set; }
    public required string Channel { get; set; }
    public required string Actor { get; set; }
    public DateTime CreatedAt { get; set; }
}
