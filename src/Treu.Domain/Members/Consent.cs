namespace Treu.Domain.Members;

/// <summary>What a member agreed to (or withdrew), when, through which channel, and which text they saw.</summary>
public sealed class Consent
{
    public long Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string Purpose { get; set; }
    public bool Granted { get; set; }
    public required string TextVersion { get; set; }
    public required string Channel { get; set; }
    public DateTime RecordedAt { get; set; }
}
