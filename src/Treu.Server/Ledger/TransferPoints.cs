using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Ledger;

/// <summary>
/// Points moved from one member to another (family pooling, a donation), both sides in one atomic step. The points keep
/// the expiry dates they had.
/// </summary>
public sealed class TransferPoints(MemberLedgerStore ledger, ProgramSettings programs, TimeProvider clock)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, string FromMemberId, string ToMemberId, long Points, string Reason);

    public async Task<Result<Order>> CheckAsync(Caller caller, TransferRequest body, CancellationToken ct)
    {
        var check = new Validation().Require("fromMemberId", body.FromMemberId, 64).Require("toMemberId", body.ToMemberId, 64).MaxLength("reason", body.Reason, 500);
        if (body.Points is not { } points || points <= 0 || points > BasketValidation.MaxPoints)
        {
            check.Add("points", $"must be a whole number from 1 to {BasketValidation.MaxPoints}");
        }

        if (body.FromMemberId is not null && body.FromMemberId == body.ToMemberId)
        {
            check.Add("toMemberId", "must differ from fromMemberId");
        }

        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        // A member session moves its own points only; another member's are answered as if that member did not exist.
        if (!caller.MayReach(body.FromMemberId!))
        {
            return MemberErrors.NoSuchMember(body.FromMemberId!);
        }

        return new Order(caller, await programs.GetAsync(caller.ProgramId, ct), body.FromMemberId!, body.ToMemberId!, body.Points!.Value,
            body.Reason?.Trim() is { Length: > 0 } r ? r : "Transfer");
    }

    public async Task<Result<TransferView>> RunAsync(Order order, CancellationToken ct)
    {
        var caller = order.Caller;
        var (from, to) = await ledger.LockBothAsync(caller.ProgramId, order.FromMemberId, order.ToMemberId, ct);
        if (from is null || to is null)
        {
            return MemberErrors.NoSuchMember(from is null ? order.FromMemberId : order.ToMemberId);
        }

        if ((from.RefusesPoints() ?? to.RefusesPoints()) is { } blocked)
        {
            return blocked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var transfer = new PointsTransfer
        {
            Id = Ids.New("trf"),
            ProgramId = caller.ProgramId,
            FromMemberId = from.Id,
            ToMemberId = to.Id,
            Points = order.Points,
            Reason = order.Reason,
            Channel = caller.Channel,
            Actor = caller.Actor,
            CreatedAt = Clock.ToStoredPrecision(now),
        };
        var outPosting = new LedgerPosting(order.Program, from, now);
        var spent = outPosting.Spend(EntryKind.TransferOut, transfer.Points, await ledger.AvailableLotsAsync(from.Id, ct),
            new EntrySource(caller.Channel, null, caller.Actor, "transfer", transfer.Id, $"{transfer.Reason} to member {to.MemberNumber}"));
        if (spent.Failure is { } failure)
        {
            return failure;
        }

        var inPosting = new LedgerPosting(order.Program, to, now);
        inPosting.Credit(EntryKind.TransferIn, spent.Value.Taken.Select(t => (t.Points, t.Lot.ExpiresAt)).ToList(),
            new EntrySource(caller.Channel, null, caller.Actor, "transfer", transfer.Id, $"{transfer.Reason} from member {from.MemberNumber}"));
        ledger.Insert(transfer);
        ledger.Post(outPosting);
        ledger.Post(inPosting);
        return new TransferView(transfer.Id, from.Id, to.Id, transfer.Points, transfer.Reason,
            new BalanceView(from.Available, from.Pending), new BalanceView(to.Available, to.Pending), transfer.CreatedAt);
    }
}
