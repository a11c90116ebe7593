namespace Treu.Server.Rules;

/// <summary>A time-boxed set of rules ("double points weekend"), switched on and off together.</summary>
public sealed class Campaign
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }

    /// <summary>When the campaign opens for the members of <see cref="EarlyTiers"/>, before <see cref="StartsAt"/>; none without early access.</summary>
    public DateTime? EarlyStartsAt { get; set; }
    public List<string> EarlyTiers { get; set; } = [];
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}
