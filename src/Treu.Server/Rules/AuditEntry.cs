namespace Treu.Server.Rules;

/// <summary>Who changed what, when: rules and campaigns, members' status, the program's settings, API keys and staff accounts.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string ProgramId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }

    /// <summary>The person's name when a member of staff made the change in the console; null for an API key.</summary>
    public string? ActorName { get; set; }
    public required string Action { get; set; }
    public required string TargetType { get; set; }
    public required string TargetId { get; set; }
    public string? Details { get; set; }
}
