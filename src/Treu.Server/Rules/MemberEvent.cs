namespace Treu.Server.Rules;

/// <summary>An action that is not a purchase (newsletter opt-in, review …), sent by an integration, with what it earned.</summary>
public sealed class MemberEvent
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string Type { get; set; }
    public string? ExternalId { get; set; }
    public required string Channel { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public long Points { get; set; }

    /// <summary>How the points were computed (JSON), like a purchase's breakdown.</summary>
    public string Breakdown { get; set; } = "[]";
}
