using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <summary>A return while it is being recorded, as the participants see it, after its points are posted.</summary>
public sealed class ReturnInProgress
{
    public required Caller Caller { get; init; }

    public required LoyaltyProgram Program { get; init; }

    public required Member Member { get; init; }

    public required Purchase Purchase { get; init; }

    public required PurchaseReturn Return { get; init; }

    /// <summary>What this return takes back of each purchase line.</summary>
    public required IReadOnlyList<ReturnedShare> Shares { get; init; }

    public required LedgerPosting Posting { get; init; }

    public required DateTime Now { get; init; }

    /// <summary>The tier change this return made, for its answer.</summary>
    public Tiers.TierMoveView? Tier { get; set; }

    /// <summary>Whether every unit of the purchase has now been returned.</summary>
    public bool WholePurchaseReturned => Purchase.Lines.All(l => l.ReturnableQuantity == 0);
}
