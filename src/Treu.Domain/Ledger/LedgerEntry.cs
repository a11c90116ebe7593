namespace Treu.Domain.Ledger;

/// <summary>
/// One immutable movement of points. Never updated, never deleted: a mistake is corrected by a new entry.
/// Each entry's hash covers the previous entry's hash, so the entries of a member form a chain.
/// </summary>
public sealed class LedgerEntry
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public long Seq { get; set; }
    public EntryKind Kind { get; set; }
    public long AvailableDelta { get; set; }
    public long PendingDelta { get; set; }
    public required string Reason { get; set; }
    public required string Channel { get; set; }
    public string? StoreId { get; set; }
    public required string Actor { get; set; }
    public required string CauseType { get; set; }
    public required string CauseId { get; set; }
    public string? LotId { get; set; }

    /// <summary>The rules (id@version) that computed an earn, so every point traces to the rule version that gave it.</summary>
    public string? Rules { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }

    /// <summary>The points the entry is about, as a member reads it: an activation moves points, it does not add them.</summary>
    public long Points => Kind == EntryKind.Activate ? AvailableDelta : AvailableDelta + PendingDelta;
}
