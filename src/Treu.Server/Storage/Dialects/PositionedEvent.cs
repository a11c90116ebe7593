namespace Treu.Server.Storage.Dialects;

/// <summary>A domain event as the router reads it: the row and its position in the order of commits (the dialect's own form).</summary>
public sealed class PositionedEvent
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public string? MemberId { get; set; }
    public long? MemberSeq { get; set; }
    public required string Type { get; set; }
    public DateTime OccurredAt { get; set; }
    public required string Payload { get; set; }
    public required string Position { get; set; }
}
