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
