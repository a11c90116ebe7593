namespace Treu.Domain.Ledger;

/// <summary>What caused an entry and through which channel, store and key: on every entry, for the audit.</summary>
/// <param name="Rules">For points earned by rules: which rules at which versions, e.g. "base_rate@1 organic_x2@3".</param>
public sealed record EntrySource(string Channel, string? StoreId, string Actor, string CauseType, string CauseId, string Reason, string? Rules = null);
