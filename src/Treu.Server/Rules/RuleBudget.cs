namespace Treu.Server.Rules;

/// <summary>What a rule with a budget has given in total; its row is locked while a purchase spends from it.</summary>
public sealed class RuleBudget
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public long Points { get; set; }
}
