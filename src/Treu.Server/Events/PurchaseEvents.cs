using Treu.Domain.Ledger;
using Treu.Server.Transactions;

namespace Treu.Server.Events;

/// <summary>
/// Writes the events of a purchase (purchase.recorded and, when it earned, points.earned) and of a return
/// (return.recorded), in their commit. Two rows per purchase at most, batched with the purchase's own by the group commit.
/// </summary>
public sealed class PurchaseEvents(DomainEvents events) : IPurchaseParticipant, IReturnParticipant
{
    public ValueTask<Domain.Common.Failure?> PrepareAsync(PurchaseInProgress purchase, CancellationToken ct) => ValueTask.FromResult<Domain.Common.Failure?>(null);

    public ValueTask CompleteAsync(PurchaseInProgress purchase, CancellationToken ct)
    {
        var (member, recorded, now) = (purchase.Member!, purchase.Purchase!, purchase.Now);
        var balance = new EventBalance(member.Available, member.Pending);
        events.Record(member, EventTypes.PurchaseRecorded, new PurchaseRecorded(member.Id, recorded.Id, recorded.ExternalId, recorded.Channel,
            recorded.StoreId is "" ? null : recorded.StoreId, recorded.OccurredAt, recorded.Currency, recorded.Total, recorded.PointsEarned, recorded.PointsRedeemed,
            balance), now);
        if (recorded.PointsEarned > 0 && purchase.Posting?.NewLots.LastOrDefault(l => l.Id == recorded.EarnLotId) is { } lot)
        {
            events.Record(member, EventTypes.PointsEarned, Earned(member.Id, lot, "purchase", recorded.Id, balance), now);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(ReturnInProgress ret, CancellationToken ct)
    {
        var (member, taken) = (ret.Member, ret.Return);
        events.Record(member, EventTypes.ReturnRecorded, new ReturnRecorded(member.Id, taken.Id, ret.Purchase.Id, taken.ExternalId, taken.PointsReversed,
            taken.PointsRefunded, taken.Shortfall, new EventBalance(member.Available, member.Pending)), ret.Now);
        return ValueTask.CompletedTask;
    }

    /// <summary>The points.earned payload of a new lot.</summary>
    public static PointsEarned Earned(string memberId, PointsLot lot, string cause, string causeId, EventBalance balance) =>
        new(memberId, lot.Original, lot.State == LotState.Pending ? "pending" : "available", lot.State == LotState.Pending ? lot.AvailableAt : null, lot.ExpiresAt,
            cause, causeId, balance);
}
