namespace Treu.Server.Figures;

/// <summary>
/// How many members of a program hold one tier, kept by <see cref="FiguresRollUp"/> from the members enrolled (who start
/// without a tier, <see cref="NoTier"/>) and the tier changes (one less on the tier left, one more on the tier reached),
/// so that the members per tier are a handful of rows rather than a scan of every member.
/// </summary>
public sealed class TierCount
{
    /// <summary>The members who never had a tier of their own: they hold the base tier of whatever ladder is in force.</summary>
    public const string NoTier = "";

    public required string ProgramId { get; set; }
    public required string Tier { get; set; }
    public long Members { get; set; }
}
