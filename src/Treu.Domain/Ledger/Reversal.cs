namespace Treu.Domain.Ledger;

/// <summary>What a return's reversal took: from pending, from available, and what was no longer there.</summary>
public sealed record Reversal(LedgerEntry? Entry, long FromPending, long FromAvailable, long Shortfall)
{
    public long Reversed => FromPending + FromAvailable;
}
