namespace Treu.Domain.Ledger;

public enum LotState
{
    Pending,
    Available,
    /// <summary>Nothing left: spent, reversed or expired.</summary>
    Closed,
}
