using System.Text.Json;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

/// <summary>
/// A purchase from a till, the webshop or the app: earns on what is actually paid, redeems points at the same checkout,
/// and is recorded once per receipt id. <see cref="CheckAsync"/> runs before the write (nothing locked), <see cref="RunAsync"/>
/// inside it, under the member's lock.
/// </summary>
public sealed class RecordPurchase(MemberLedgerStore ledger, RuledEarning rules, ProgramSettings programs, TimeProvider clock, IOptions<LimitOptions> limits,
    IEnumerable<IPurchaseParticipant> participants)
{
    /// <summary>The purchase as checked: everything the write needs that is known before the member is locked.</summary>
    public sealed record Order(
        Caller Caller, LoyaltyProgram Program, string MemberId, string ExternalId, string Channel, string? StoreId, DateTime? OccurredAt,
        IReadOnlyList<BasketLine> Lines, long Redeem, IReadOnlyList<string>? PaymentMethods, IReadOnlyList<string>? Vouchers = null)
    {
        /// <summary>The receipt id with channel and store: a natural idempotency key, kept forever.</summary>
        public IdempotencyKey Receipt => new($"purchase:{Channel}:{StoreId}", ExternalId, true, $"Receipt '{ExternalId}' (channel {Channel}, store {StoreId ?? "none"})");
    }

    public async Task<Result<Order>> CheckAsync(Caller caller, PurchaseRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var check = new Validation();
        var (lines, currency) = BasketValidation.Check(check, program, body, requireMember: true, clock, limits.Value.MaxBasketLines);
        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((currency ?? channel.Failure ?? store.Failure) is { } refused)
        {
            return refused;
        }

        return new Order(caller, program, body.MemberId!, body.ExternalId!, channel.Value, store.Value, body.OccurredAt, lines, body.RedeemPoints ?? 0,
            PaymentMethodsOf(body), body.Vouchers);
    }

    public async Task<Result<PurchaseView>> RunAsync(Order order, CancellationToken ct)
    {
        var (program, caller) = (order.Program, order.Caller);
        var member = await ledger.LockAsync(caller.ProgramId, order.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(order.MemberId);
        }

        if (member.RefusesPoints() is { } blocked)
        {
            return blocked;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var purchase = new PurchaseInProgress
        {
            Caller = caller,
            Program = program,
            Member = member,
            Order = order,
            Now = now,
            OccurredAt = Clock.ToStoredPrecision(order.OccurredAt?.ToUniversalTime() ?? now),
            Lines = [.. order.Lines],
        };
        foreach (var participant in participants)
        {
            if (await participant.PrepareAsync(purchase, ct) is { } refused)
            {
                return refused;
            }
        }

        var total = purchase.Lines.Sum(l => l.NetAmount);
        if (order.Redeem > 0 && RedemptionPolicy.Check(program, total, member.Available, order.Redeem) is { } refusal)
        {
            return refusal;
        }

        var occurredAt = purchase.OccurredAt;
        var earned = purchase.Earned = await rules.ForBasketAsync(program, member, order.Channel, order.StoreId, occurredAt, purchase.Lines, order.PaymentMethods,
            order.Redeem, explain: false, ct);
        var earning = earned.Basket;
        var breakdown = EarnRuleView.From(earned.Evaluation);
        var recorded = purchase.Purchase = new Purchase
        {
            Id = Ids.New("txn"),
            ProgramId = caller.ProgramId,
            MemberId = member.Id,
            Channel = order.Channel,
            StoreId = order.StoreId ?? "",
            ExternalId = order.ExternalId,
            OccurredAt = occurredAt,
            RecordedAt = Clock.ToStoredPrecision(now),
            Currency = program.Currency,
            Total = earning.Total,
            EligibleAmount = earning.EligibleAmount,
            PointsEarned = earned.Points,
            PointsRedeemed = order.Redeem,
            RedeemedValue = earning.RedeemedValue,
            Cashback = earned.Evaluation.Cashback,
            PaymentMethods = order.PaymentMethods is { Count: > 0 } methods ? string.Join(',', methods) : null,
            Breakdown = JsonSerializer.Serialize(breakdown, JsonSerializerOptions.Web),
        };
        recorded.Lines.AddRange(purchase.Lines.Select((l, i) => new PurchaseLine
        {
            ProgramId = recorded.ProgramId,
            MemberId = recorded.MemberId,
            PurchaseId = recorded.Id,
            LineNo = i + 1,
            Sku = l.Sku,
            Name = l.Name,
            Category = l.Category,
            Brand = l.Brand,
            Quantity = l.Quantity,
            UnitPrice = l.UnitPrice,
            Discount = l.Discount,
            NetAmount = earning.Lines[i].NetAmount,
            EligibleAmount = earning.Lines[i].EligibleAmount,
            PointsEarned = earned.PointsOfLine(i + 1),
            PointsRedeemed = earning.Lines[i].PointsRedeemed,
        }));

        var posting = purchase.Posting = new LedgerPosting(program, member, now);
        if (order.Redeem > 0)
        {
            var spent = posting.Spend(EntryKind.Redeem, order.Redeem, await ledger.AvailableLotsAsync(member.Id, ct),
                new EntrySource(order.Channel, order.StoreId, caller.Actor, "purchase", recorded.Id, $"Redeemed at checkout, receipt {order.ExternalId}"));
            if (spent.Failure is { } notEnough)
            {
                return notEnough;
            }
        }

        if (earned.Points > 0)
        {
            posting.Earn(earned.Points, new EntrySource(order.Channel, order.StoreId, caller.Actor, "purchase", recorded.Id, $"Earned on receipt {order.ExternalId}",
                earned.RuleRefs), windowStart: recorded.OccurredAt);
            var lot = posting.NewLots[^1];
            recorded.EarnLotId = lot.Id;
            recorded.EarnedPending = lot.State == LotState.Pending;
        }

        await rules.RecordAsync(program, member, earned.Evaluation, ct);
        foreach (var participant in participants)
        {
            await participant.CompleteAsync(purchase, ct);
        }

        ledger.Insert(recorded);
        ledger.InsertRange(recorded.Lines);
        ledger.Post(posting);
        return PurchaseView.From(recorded, breakdown, member, program, excluded: earning.Lines.Select(l => l.ExcludedBecause).ToArray(), purchase.Tier);
    }

    public static IReadOnlyList<string>? PaymentMethodsOf(PurchaseRequest body) =>
        body.PaymentMethods?.Select(m => m.Trim().ToLowerInvariant()).Distinct().ToList();
}
