namespace Treu.Server.Tiers;

/// <summary>One version of a program's ladder, never changed: the highest version is the ladder in force.</summary>
public sealed class TierLadderVersion
{
    public required string ProgramId { get; set; }
    public int Version { get; set; }

    /// <summary>The ladder as JSON (<see cref="Domain.Tiers.TierLadder"/>), as the admin API takes it.</summary>
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
