namespace Treu.Server.Rules;

/// <summary>Who changed what, when: every change to rules (and later campaigns, tiers …).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string ProgramId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string TargetType { get; set; }
    public required string TargetId { get; set; }
    public string? Details { get; set; }
}
