using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <summary>
/// A purchase while it is being recorded (or previewed), as the participants see it: who, what, the member under lock, and,
/// once computed, the points and the ledger posting. Participants add their part of the answer here.
/// </summary>
public sealed class PurchaseInProgress
{
    public required Caller Caller { get; init; }

    public required LoyaltyProgram Program { get; init; }

    /// <summary>The member, locked for the rest of the transaction (in a preview: read, not locked; null for an anonymous basket).</summary>
    public required Member? Member { get; init; }

    public required RecordPurchase.Order Order { get; init; }

    /// <summary>A preview: nothing may be written, and <see cref="IPurchaseParticipant.CompleteAsync"/> is not called.</summary>
    public bool DryRun { get; init; }

    public required DateTime Now { get; init; }

    public required DateTime OccurredAt { get; init; }

    /// <summary>The basket as it will be paid; a participant may replace a line with one carrying a larger discount.</summary>
    public required List<BasketLine> Lines { get; init; }

    /// <summary>The purchase as recorded, once the points are computed (not in a preview).</summary>
    public Purchase? Purchase { get; set; }

    /// <summary>What the basket earned and how, once computed.</summary>
    public BasketRules? Earned { get; set; }

    /// <summary>The member's ledger posting of this purchase; a participant may post to it too (not in a preview).</summary>
    public LedgerPosting? Posting { get; set; }

    /// <summary>The tier change this purchase made, for its answer.</summary>
    public Tiers.TierMoveView? Tier { get; set; }

    /// <summary>The vouchers and coupons applied to <see cref="Lines"/>, for the answer.</summary>
    public List<AppliedVoucherView> Vouchers { get; } = [];
}
