using Treu.Domain.Common;

namespace Treu.Server.Transactions;

/// <summary>
/// A feature that takes part in every purchase (tiers, vouchers, stamp cards, the cashback wallet, fraud checks …): it is
/// asked before the points are computed and again after they are posted, under the member's lock and in the purchase's
/// transaction. Participants run in the order they are registered in <c>AddTreuServer</c>, each one cheap when its
/// feature is not in use for the program: the purchase path is the hot path.
/// </summary>
public interface IPurchaseParticipant
{
    /// <summary>
    /// Before the points are computed: may refuse the purchase (nothing is written), or change what the member pays (a
    /// voucher's discount on <see cref="PurchaseInProgress.Lines"/>, a payment from the wallet). In a preview
    /// (<see cref="PurchaseInProgress.DryRun"/>) it must write nothing.
    /// </summary>
    ValueTask<Failure?> PrepareAsync(PurchaseInProgress purchase, CancellationToken ct);

    /// <summary>After the points are posted (never in a preview): its own effects, in the same transaction, and its part of the answer.</summary>
    ValueTask CompleteAsync(PurchaseInProgress purchase, CancellationToken ct);
}
