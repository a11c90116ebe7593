using Treu.Domain.Ledger;

namespace Treu.Server.Ledger.Checkpoints;

/// <summary>A completed checkpoint: what was signed, with the key and the signature.</summary>
public sealed record CheckpointView(
    string Id, string ProgramId, long Number, DateTime StartedAt, DateTime CompletedAt, long Members, string Root, string PublicKey, string Signature,
    bool HeadsKept)
{
    public static CheckpointView From(LedgerCheckpoint c, long keptFrom) =>
        new(c.Id, c.ProgramId, c.Number, c.StartedAt, c.CompletedAt!.Value, c.Members, c.Root!, c.PublicKey!, c.Signature!, c.Number >= keptFrom);
}

public sealed record CheckpointList(IReadOnlyList<CheckpointView> Items);

/// <summary>One member's chain head as the checkpoint saw it: its entries 1 to <paramref name="Seq"/> ended in <paramref name="Hash"/>.</summary>
public sealed record CheckpointHead(string MemberId, long Seq, string Hash);

/// <summary>The exported checkpoint: everything signed, and every head, so it can be checked against the database on its own.</summary>
public sealed record CheckpointFile(
    string Format, string Id, string ProgramId, long Number, DateTime StartedAt, DateTime CompletedAt, long Members, string Root, string PublicKey,
    string Signature, IReadOnlyList<CheckpointHead> Heads)
{
    public const string FormatName = "treu-ledger-checkpoint-v1";
}

/// <summary>
/// What <c>treu ledger verify --checkpoint</c> found: whether the file is what the key signed (signature, root rebuilt from
/// its heads, the key the one trusted) and, member by member, whether the entries still lead to the heads it holds.
/// </summary>
public sealed record CheckpointReport(
    bool Ok, bool SignatureValid, bool RootMatches, bool KeyTrusted, int MembersChecked, long EntriesChecked, IReadOnlyList<LedgerMismatch> Mismatches);
