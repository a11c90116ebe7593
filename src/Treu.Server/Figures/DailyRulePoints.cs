namespace Treu.Server.Figures;

/// <summary>Points a rule gave on purchases of one day, channel and store (with the same <see cref="DailyFigure.All"/> totals).</summary>
public sealed class DailyRulePoints
{
    public required string ProgramId { get; set; }
    public DateOnly Day { get; set; }
    public required string Channel { get; set; }
    public required string StoreId { get; set; }
    public required string RuleId { get; set; }
    public long Points { get; set; }
}
