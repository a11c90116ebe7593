namespace Treu.Domain.Ledger;

public enum EntryKind
{
    /// <summary>Points earned by a purchase or an action: pending through the return window, or available.</summary>
    Earn,
    /// <summary>Pending points becoming available after the return window.</summary>
    Activate,
    /// <summary>Points spent at a checkout.</summary>
    Redeem,
    /// <summary>Earned points taken back by a return.</summary>
    Reverse,
    /// <summary>Redeemed points given back because the goods they paid for were returned.</summary>
    Refund,
    /// <summary>What was left of a lot on its expiry date.</summary>
    Expire,
    /// <summary>A manual credit or debit with a reason.</summary>
    Adjust,
    TransferOut,
    TransferIn,
}

/// <summary>What caused an entry and through which channel, store and key: on every entry, for the audit.</summary>
/// <param name="Rules">For points earned by rules: which rules at which versions, e.g. "base_rate@1 organic_x2@3".</param>
public sealed record EntrySource(string Channel, string? StoreId, string Actor, string CauseType, string CauseId, string Reason, string? Rules = null);

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
