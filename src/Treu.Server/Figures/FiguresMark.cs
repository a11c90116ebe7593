namespace Treu.Server.Figures;

/// <summary>
/// How far the roll-up has read one source (ledger entries, members, purchases) of a program: the last id taken in. Ids
/// grow with time, so everything newer has a greater id. The mark is the roll-up's lock too: a node that moved it first
/// wins, the other's batch is rolled back (<see cref="LastId"/> is a concurrency token).
/// </summary>
public sealed class FiguresMark
{
    public required string ProgramId { get; set; }
    public required string Source { get; set; }
    public string LastId { get; set; } = "";
}
