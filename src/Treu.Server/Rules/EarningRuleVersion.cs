namespace Treu.Server.Rules;

/// <summary>One version of a rule, never changed: purchases keep the version they were computed with.</summary>
public sealed class EarningRuleVersion
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
