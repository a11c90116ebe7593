namespace Treu.Server.Rules;

/// <summary>What a capped rule gave a member on one day: the caps per member and period are sums of these.</summary>
public sealed class RuleAward
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public required string MemberId { get; set; }
    public DateOnly Day { get; set; }
    public long Points { get; set; }
    public int Times { get; set; }
}
