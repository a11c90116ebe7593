namespace Treu.Server.Ledger.Checkpoints;

/// <summary>
/// A signed Merkle root over every member's chain head of a program. Built in batches (<see cref="LedgerCheckpoints"/>):
/// until <see cref="CompletedAt"/> is set, <see cref="LastMemberId"/> and <see cref="Tree"/> say how far it got. The last
/// member taken in is the builders' lock too: a node that moved it first wins, the other's batch is rolled back.
/// </summary>
public sealed class LedgerCheckpoint
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }

    /// <summary>1, 2, 3 … per program; unique, so two nodes cannot start the same checkpoint.</summary>
    public long Number { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public long Members { get; set; }
    public int Pages { get; set; }
    public string LastMemberId { get; set; } = "";

    /// <summary>The tree built so far (<see cref="Treu.Domain.Ledger.MerkleTree.Save"/>); empty once complete.</summary>
    public string Tree { get; set; } = "";

    public string? Root { get; set; }
    public string? PublicKey { get; set; }
    public string? Signature { get; set; }
}
