namespace Treu.Server.Tiers;

/// <summary>A change of a member's tier, with its cause: the member's tier history. Never changed once written.</summary>
public sealed class TierChange
{
    /// <summary>Time-ordered, prefix <c>tch_</c>: the history pages by it.</summary>
    public required string Id { get; init; }
    public required string ProgramId { get; init; }
    public required string MemberId { get; init; }
    public DateTime At { get; init; }
    public required string FromTier { get; init; }
    public required string ToTier { get; init; }

    /// <summary>up or down.</summary>
    public required string Direction { get; init; }

    /// <summary>purchase, return, event, adjustment, review, admin or import.</summary>
    public required string Cause { get; init; }

    /// <summary>The purchase, return, member event or adjustment, for those causes.</summary>
    public string? CauseId { get; init; }

    public string? Reason { get; init; }

    /// <summary>The qualifying value the change was decided on, in the ladder's metric.</summary>
    public decimal Qualifying { get; init; }

    public int LadderVersion { get; init; }
}
