using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

/// <summary>
/// A return takes back the points of exactly the returned lines (pending first) and gives back the points that
/// paid for them. Each unit of a line can be returned once: the "buy, earn, refund, keep the points" exploit and
/// the "refund the redeemed points twice" bug both end here.
/// </summary>
public static class ReturnEndpoints
{
    public static void MapReturnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/transactions/{id}/returns", Return).WithName("returnPurchase").WithTags("Transactions").RequireScopes(Scopes.Checkout).Access(pos: 201, ecommerce: 201, app: 403, admin: 201).Idempotent()
            .WithSummary("Return some or all lines of a purchase")
            .WithDescription("Lines by sku and quantity; without lines, everything not yet returned. Reverses the earned points of those lines, pending points first, "
                + "and refunds the points redeemed on their share. A line cannot be returned beyond its quantity. The return's externalId, scoped to channel and store, is an idempotency key.")
            .Produces<ReturnView>(201).WithRequestExample(Examples.Return).WithResponseExample(201, Examples.ReturnResult);
    }

    private static async Task<IResult> Return(string id, ReturnRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IdempotentWrites writes, WriteTransaction tx, TimeProvider clock, IOptions<LimitOptions> limits)
    {
        var maxLines = limits.Value.MaxBasketLines;
        var caller = http.Caller();
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
            if (line.Quantity is not { } q || q <= 0 || q > BasketValidation.MaxQuantity)
            {
                check.Add($"lines[{i}].quantity", $"must be more than 0 and at most {BasketValidation.MaxQuantity}");
            }
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return Problems.For(denied);
        }

        var program = await programs.GetAsync(caller.ProgramId, http.RequestAborted);
        IdempotencyKey[] keys = body.ExternalId is null ? [] :
            [new IdempotencyKey($"return:{channel.Value}:{store.Value}", body.ExternalId, true, $"Return '{body.ExternalId}' (channel {channel.Value}, store {store.Value ?? "none"})")];
        // A purchase's member never changes: read outside the transaction, it picks the commit lane of the member.
        // A key bound to a store takes back that store's receipts only; a return at another branch goes through an unbound key.
        var memberId = await db.Purchases.Where(p => p.ProgramId == caller.ProgramId && p.Id == id && (caller.StoreId == null || p.StoreId == caller.StoreId))
            .Select(p => p.MemberId).SingleOrDefaultAsync(http.RequestAborted);
        if (memberId is null)
        {
            return Problems.For(new Failure("transaction_not_found", "No such transaction in this program."));
        }

        return await writes.RunAsync(http, new { id, body }, keys, async ct =>
        {
            // Lock the member first, then read the purchase: two returns of the same line cannot both see it unreturned.
            var member = await tx.LockMemberAsync(caller.ProgramId, memberId, ct);
            var purchase = await db.Purchases.Include(p => p.Lines).SingleAsync(p => p.Id == id, ct);
            var lines = purchase.Lines.OrderBy(l => l.LineNo).ToList();
            var requested = body.Lines is { Length: > 0 }
                ? body.Lines.Select(l => (l.Sku!, l.Quantity!.Value)).ToList()
                : lines.Where(l => l.ReturnableQuantity > 0).Select(l => (l.Sku, l.ReturnableQuantity)).ToList();
            if (requested.Count == 0)
            {
                return new Failure("line_already_returned", "Everything on this purchase has already been returned.", "lines");
            }

            var returned = new List<(PurchaseLine Line, decimal Quantity, long Reversed, long Refunded)>();
            foreach (var (sku, quantity) in requested)
            {
                var bought = lines.Where(l => l.Sku == sku).Sum(l => l.Quantity);
                var returnable = lines.Where(l => l.Sku == sku).Sum(l => l.ReturnableQuantity);
                if (bought == 0)
                {
                    return new Failure("line_not_in_purchase", $"Sku '{sku}' is not on this purchase.", "lines");
                }

                if (quantity > returnable)
                {
                    return new Failure("line_already_returned", $"Sku '{sku}': {returnable:0.###} of {bought:0.###} left to return, {quantity:0.###} asked for.", "lines");
                }

                var left = quantity;
                foreach (var line in lines.Where(l => l.Sku == sku && l.ReturnableQuantity > 0))
                {
                    var take = Math.Min(left, line.ReturnableQuantity);
                    var reversed = Allocation.Cumulative(line.PointsEarned, line.ReturnedQuantity, take, line.Quantity);
                    var refunded = Allocation.Cumulative(line.PointsRedeemed, line.ReturnedQuantity, take, line.Quantity);
                    line.ReturnedQuantity += take;
                    line.PointsReversed += reversed;
                    line.PointsRefunded += refunded;
                    returned.Add((line, take, reversed, refunded));
                    left -= take;
                    if (left == 0)
                    {
                        break;
                    }
                }
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var ret = new PurchaseReturn
            {
                Id = Ids.New("ret"),
                ProgramId = caller.ProgramId,
                PurchaseId = purchase.Id,
                MemberId = memberId,
                Channel = channel.Value,
                StoreId = store.Value ?? "",
                ExternalId = body.ExternalId,
                RecordedAt = Clock.ToStoredPrecision(now),
            };
            var reason = body.Reason is { Length: > 0 } r ? $"Return of receipt {purchase.ExternalId}: {r}" : $"Return of receipt {purchase.ExternalId}";
            var source = new EntrySource(channel.Value, store.Value, caller.Actor, "return", ret.Id, reason);
            var posting = new LedgerPosting(program, member!, now);

            // Refund first: points given back can cover a reversal that would otherwise fall short.
            var refund = returned.Sum(x => x.Refunded);
            if (refund > 0)
            {
                posting.Credit(EntryKind.Refund, refund, source);
            }

            var reverse = returned.Sum(x => x.Reversed);
            var reversal = new Reversal(null, 0, 0, 0);
            if (reverse > 0)
            {
                var purchaseLot = purchase.EarnLotId is null ? null : await db.Lots.SingleOrDefaultAsync(l => l.Id == purchase.EarnLotId, ct);
                var available = await PurchaseEndpoints.AvailableLots(db, memberId, ct);
                available.AddRange(posting.NewLots);
                reversal = posting.Reverse(reverse, purchaseLot, available, source);
            }

            ret.Reason = body.Reason;
            // The same sku may be named twice in one request: one record per purchase line.
            ret.Lines.AddRange(returned.GroupBy(x => x.Line).OrderBy(g => g.Key.LineNo).Select(g => new ReturnLine
            {
                ProgramId = ret.ProgramId,
                MemberId = memberId,
                ReturnId = ret.Id,
                LineNo = g.Key.LineNo,
                Sku = g.Key.Sku,
                Quantity = g.Sum(x => x.Quantity),
                PointsReversed = g.Sum(x => x.Reversed),
                PointsRefunded = g.Sum(x => x.Refunded),
            }));
            ret.PointsReversed = reversal.Reversed;
            ret.PointsRefunded = refund;
            ret.Shortfall = reversal.Shortfall;
            db.Returns.Add(ret);
            PurchaseEndpoints.Save(db, posting);
            return Outcome.Created(new ReturnView(ret.Id, purchase.Id, memberId, ret.ExternalId,
                ret.Lines.Select(l => new ReturnedLineView(l.Sku, l.LineNo, l.Quantity, l.PointsReversed, l.PointsRefunded)).ToList(),
                reversal.Reversed, reversal.FromPending, reversal.FromAvailable, refund, reversal.Shortfall,
                new BalanceView(member!.Available, member.Pending)));
        }, CommitGroup.ForMember(memberId));
    }
}
