namespace Treu.Server.Ledger.Checkpoints;

/// <summary>
/// One batch of a checkpoint's leaves, in the tree's order: a line per member, "member seq hash". Kept for the last
/// <see cref="CheckpointOptions.KeepHeads"/> checkpoints only, to export them; the root and signature are kept for good.
/// </summary>
public sealed class LedgerCheckpointPage
{
    public required string CheckpointId { get; set; }
    public int Page { get; set; }
    public required string Heads { get; set; }
}
