namespace Treu.Server.Rules;

/// <summary>An earning rule as stored: its current version and status. Every version's definition is kept in <see cref="EarningRuleVersion"/>.</summary>
public sealed class EarningRule
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public int Version { get; set; }
    public required string Status { get; set; }
    public required string Name { get; set; }

    /// <summary>The campaign the rule belongs to: in force only while the campaign is active and within its window.</summary>
    public string? CampaignId { get; set; }

    /// <summary>The current version's definition, as JSON.</summary>
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
