using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

/// <summary>
/// A return takes back the points of exactly the returned lines (pending first) and gives back the points that paid for
/// them (<see cref="Purchase.AllocateReturn"/>). Each unit of a line can be returned once: the "buy, earn, refund, keep
/// the points" exploit and the "refund the redeemed points twice" bug both end here.
/// </summary>
public sealed class ReturnPurchase(TreuDbContext db, MemberLedgerStore ledger, ProgramSettings programs, TimeProvider clock, IOptions<LimitOptions> limits,
    IEnumerable<IReturnParticipant> participants)
{
    /// <summary>The return as checked, with the member whose purchase it is (a purchase's member never changes).</summary>
    public sealed record Order(
        Caller Caller, LoyaltyProgram Program, string PurchaseId, string MemberId, string Channel, string? StoreId, string? ExternalId, string? Reason,
        IReadOnlyList<(string Sku, decimal Quantity)>? Lines)
    {
        /// <summary>The return receipt's id with channel and store, when it has one: a natural idempotency key, kept forever.</summary>
        public IReadOnlyList<IdempotencyKey> Keys => ExternalId is null ? [] :
            [new IdempotencyKey($"return:{Channel}:{StoreId}", ExternalId, true, $"Return '{ExternalId}' (channel {Channel}, store {StoreId ?? "none"})")];
    }

    public async Task<Result<Order>> CheckAsync(Caller caller, string purchaseId, ReturnRequest body, CancellationToken ct)
    {
        var maxLines = limits.Value.MaxBasketLines;
        var check = new Validation();
        check.MaxLength("externalId", body.ExternalId, 100).MaxLength("reason", body.Reason, 500);
        if (body.Lines?.Length > maxLines)
        {
            check.Add("lines", $"at most {maxLines} lines");
        }

        for (var i = 0; i < (body.Lines?.Length ?? 0) && i < maxLines; i++)
        {
            var line = body.Lines![i];
            if (line is null)
            {
                check.Add($"lines[{i}]", "must be an object");
                continue;
            }

            check.Require($"lines[{i}].sku", line.Sku, 64);
            if (BasketValidation.QuantityProblem(line.Quantity) is { } problem)
            {
                check.Add($"lines[{i}].quantity", problem);
            }
        }

        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return denied;
        }

        // Read outside the transaction, it picks the commit lane of the member. A key bound to a store takes back that
        // store's receipts only; a return at another branch goes through an unbound key.
        var memberId = await db.Purchases.Where(p => p.ProgramId == caller.ProgramId && p.Id == purchaseId && (caller.StoreId == null || p.StoreId == caller.StoreId))
            .Select(p => p.MemberId).SingleOrDefaultAsync(ct);
        if (memberId is null)
        {
            return TransactionErrors.NoSuchTransaction();
        }

        return new Order(caller, await programs.GetAsync(caller.ProgramId, ct), purchaseId, memberId, channel.Value, store.Value, body.ExternalId, body.Reason,
            body.Lines is { Length: > 0 } lines ? lines.Select(l => (l.Sku!, l.Quantity!.Value)).ToList() : null);
    }

    public async Task<Result<ReturnView>> RunAsync(Order order, CancellationToken ct)
    {
        // Lock the member first, then read the purchase: two returns of the same line cannot both see it unreturned.
        var member = await ledger.LockAsync(order.Caller.ProgramId, order.MemberId, ct)
            ?? throw new InvalidOperationException($"The member of purchase {order.PurchaseId} is gone.");
        var purchase = await db.Purchases.Include(p => p.Lines).SingleAsync(p => p.Id == order.PurchaseId, ct);
        var allocated = purchase.AllocateReturn(order.Lines);
        if (allocated.Failure is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ret = new PurchaseReturn
        {
            Id = Ids.New("ret"),
            ProgramId = order.Caller.ProgramId,
            PurchaseId = purchase.Id,
            MemberId = member.Id,
            Channel = order.Channel,
            StoreId = order.StoreId ?? "",
            ExternalId = order.ExternalId,
            RecordedAt = Clock.ToStoredPrecision(now),
            Reason = order.Reason,
        };
        var reason = order.Reason is { Length: > 0 } r ? $"Return of receipt {purchase.ExternalId}: {r}" : $"Return of receipt {purchase.ExternalId}";
        var source = new EntrySource(order.Channel, order.StoreId, order.Caller.Actor, "return", ret.Id, reason);
        var posting = new LedgerPosting(order.Program, member, now);

        // Refund first: points given back can cover a reversal that would otherwise fall short.
        var shares = allocated.Value;
        var refund = shares.Sum(x => x.PointsRefunded);
        if (refund > 0)
        {
            posting.Credit(EntryKind.Refund, refund, source);
        }

        var reverse = shares.Sum(x => x.PointsReversed);
        var reversal = new Reversal(null, 0, 0, 0);
        if (reverse > 0)
        {
            var purchaseLot = purchase.EarnLotId is null ? null : await ledger.LotAsync(purchase.EarnLotId, ct);
            var available = await ledger.AvailableLotsAsync(member.Id, ct);
            available.AddRange(posting.NewLots);
            reversal = posting.Reverse(reverse, purchaseLot, available, source);
        }

        ret.Lines.AddRange(shares.Select(share => new ReturnLine
        {
            ProgramId = ret.ProgramId,
            MemberId = member.Id,
            ReturnId = ret.Id,
            LineNo = share.Line.LineNo,
            Sku = share.Line.Sku,
            Quantity = share.Quantity,
            PointsReversed = share.PointsReversed,
            PointsRefunded = share.PointsRefunded,
        }));
        ret.PointsReversed = reversal.Reversed;
        ret.PointsRefunded = refund;
        ret.Shortfall = reversal.Shortfall;
        var returning = new ReturnInProgress
        {
            Caller = order.Caller,
            Program = order.Program,
            Member = member,
            Purchase = purchase,
            Return = ret,
            Shares = shares,
            Posting = posting,
            Now = now,
        };
        foreach (var participant in participants)
        {
            await participant.CompleteAsync(returning, ct);
        }

        ledger.Insert(ret);
        ledger.InsertRange(ret.Lines);
        ledger.Post(posting);
        return new ReturnView(ret.Id, purchase.Id, member.Id, ret.ExternalId,
            ret.Lines.Select(l => new ReturnedLineView(l.Sku, l.LineNo, l.Quantity, l.PointsReversed, l.PointsRefunded)).ToList(),
            reversal.Reversed, reversal.FromPending, reversal.FromAvailable, refund, reversal.Shortfall, new BalanceView(member.Available, member.Pending), returning.Tier);
    }
}
