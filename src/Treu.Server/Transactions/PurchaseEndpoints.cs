using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;
using Treu.Server.Members;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

public static class PurchaseEndpoints
{
    public static void MapPurchaseEndpoints(this IEndpointRouteBuilder app)
    {
        var transactions = app.MapGroup("/v1/transactions").WithTags("Transactions");

        transactions.MapPost("", Record).WithName("recordPurchase").RequireScopes(Scopes.Checkout).Access(pos: 201, ecommerce: 201, app: 403, admin: 201).Idempotent()
            .WithSummary("Record a purchase: earn points, and redeem points at this checkout")
            .WithDescription("Earns on the eligible amount actually paid (net of discounts and of the share paid with points, without excluded categories). "
                + "The receipt id (externalId) with channel and store is a natural idempotency key: sending the same purchase again returns the first answer.")
            .Produces<PurchaseView>(201).WithRequestExample(Examples.Purchase).WithResponseExample(201, Examples.PurchaseResult);

        transactions.MapPost("/preview", Preview).WithName("previewPurchase").RequireScopes(Scopes.Checkout).Access(pos: 200, ecommerce: 200, app: 403, admin: 200)
            .WithSummary("Preview a basket: what it would earn and how much can be redeemed, with no effect")
            .Produces<PreviewView>().WithRequestExample(Examples.Purchase).WithResponseExample(200, Examples.PreviewResult);

        transactions.MapGet("/{id}", Get).WithName("getPurchase").RequireScopes(Scopes.Checkout).Access(pos: 200, ecommerce: 200, app: 403, admin: 200)
            .WithSummary("Read a recorded purchase with what has been returned of it").Produces<PurchaseView>().WithResponseExample(200, Examples.PurchaseResult);
    }

    private static async Task<IResult> Record(PurchaseRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IdempotentWrites writes, WriteTransaction tx, RuledEarning rules, TimeProvider clock, IOptions<LimitOptions> limits)
    {
        var caller = http.Caller();
        var program = await programs.GetAsync(caller.ProgramId, http.RequestAborted);
        var check = new Validation();
        var (lines, currency) = BasketValidation.Check(check, program, body, requireMember: true, clock, limits.Value.MaxBasketLines);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((currency ?? channel.Failure ?? store.Failure) is { } refused)
        {
            return Problems.For(refused);
        }

        var receipt = new IdempotencyKey($"purchase:{channel.Value}:{store.Value}", body.ExternalId!, true,
            $"Receipt '{body.ExternalId}' (channel {channel.Value}, store {store.Value ?? "none"})");
        return await writes.RunAsync(http, body, [receipt], async ct =>
        {
            var member = await tx.LockMemberAsync(caller.ProgramId, body.MemberId!, ct);
            if (member is null)
            {
                return MemberEndpoints.NotFoundFailure(body.MemberId!);
            }

            if (member.Status == MemberStatus.Blocked)
            {
                return new Failure("member_blocked", "This member is blocked: no points can be earned or redeemed.");
            }

            var redeem = body.RedeemPoints ?? 0;
            var total = lines.Sum(l => l.NetAmount);
            if (redeem > 0 && RedemptionPolicy.Check(program, total, member.Available, redeem) is { } refusal)
            {
                return refusal;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var occurredAt = Clock.ToStoredPrecision(body.OccurredAt?.ToUniversalTime() ?? now);
            var earned = await rules.ForBasketAsync(program, member, channel.Value, store.Value, occurredAt, lines, PaymentMethods(body), redeem, explain: false, ct);
            var earning = earned.Basket;
            var breakdown = EarnRuleView.From(earned.Evaluation);
            var purchase = new Purchase
            {
                Id = Ids.New("txn"),
                ProgramId = caller.ProgramId,
                MemberId = member.Id,
                Channel = channel.Value,
                StoreId = store.Value ?? "",
                ExternalId = body.ExternalId!,
                OccurredAt = occurredAt,
                RecordedAt = Clock.ToStoredPrecision(now),
                Currency = program.Currency,
                Total = earning.Total,
                EligibleAmount = earning.EligibleAmount,
                PointsEarned = earned.Points,
                PointsRedeemed = redeem,
                RedeemedValue = earning.RedeemedValue,
                Cashback = earned.Evaluation.Cashback,
                PaymentMethods = PaymentMethods(body) is { Count: > 0 } methods ? string.Join(',', methods) : null,
                Breakdown = JsonSerializer.Serialize(breakdown, JsonSerializerOptions.Web),
            };
            purchase.Lines.AddRange(lines.Select((l, i) => new PurchaseLine
            {
                ProgramId = purchase.ProgramId,
                MemberId = purchase.MemberId,
                PurchaseId = purchase.Id,
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

            var posting = new LedgerPosting(program, member, now);
            if (redeem > 0)
            {
                var lots = await AvailableLots(db, member.Id, ct);
                var spent = posting.Spend(EntryKind.Redeem, redeem, PointsLot.InSpendingOrder(lots),
                    new EntrySource(channel.Value, store.Value, caller.Actor, "purchase", purchase.Id, $"Redeemed at checkout, receipt {body.ExternalId}"));
                if (spent.Failure is { } notEnough)
                {
                    return notEnough;
                }
            }

            if (earned.Points > 0)
            {
                posting.Earn(earned.Points, new EntrySource(channel.Value, store.Value, caller.Actor, "purchase", purchase.Id, $"Earned on receipt {body.ExternalId}",
                    earned.RuleRefs), windowStart: purchase.OccurredAt);
                var lot = posting.NewLots[^1];
                purchase.EarnLotId = lot.Id;
                purchase.EarnedPending = lot.State == LotState.Pending;
            }

            await rules.RecordAsync(program, member, earned.Evaluation, ct);
            db.Insert(purchase);
            db.InsertRange(purchase.Lines);
            Save(db, posting);
            return Outcome.Created(View(purchase, breakdown, member, program, excluded: earning.Lines.Select(l => l.ExcludedBecause).ToArray()));
        }, CommitGroup.ForMember(body.MemberId!));
    }

    private static async Task<IResult> Preview(PurchaseRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs, RuledEarning rules, TimeProvider clock, IOptions<LimitOptions> limits)
    {
        var caller = http.Caller();
        var ct = http.RequestAborted;
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var check = new Validation();
        var (lines, currency) = BasketValidation.Check(check, program, body, requireMember: false, clock, limits.Value.MaxBasketLines);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (currency is not null)
        {
            return Problems.For(currency);
        }

        Member? member = null;
        if (body.MemberId is not null)
        {
            member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == body.MemberId, ct);
            if (member is null)
            {
                return MemberEndpoints.NotFound(body.MemberId);
            }
        }

        var total = lines.Sum(l => l.NetAmount);
        var available = member?.Available ?? 0;
        var requested = body.RedeemPoints ?? 0;
        var refusal = requested > 0 ? RedemptionPolicy.Check(program, total, available, requested) : null;
        if (member is { Status: MemberStatus.Blocked })
        {
            refusal = new Failure("member_blocked", "This member is blocked: no points can be earned or redeemed.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var occurredAt = Clock.ToStoredPrecision(body.OccurredAt?.ToUniversalTime() ?? now);
        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return Problems.For(denied);
        }

        var earned = await rules.ForBasketAsync(program, member, channel.Value, store.Value, occurredAt, lines, PaymentMethods(body), refusal is null ? requested : 0,
            explain: true, ct);
        var earning = earned.Basket;
        var maxRedeemable = member is { Status: MemberStatus.Active } ? RedemptionPolicy.MaxRedeemable(program, total, available) : 0;
        return Results.Ok(new PreviewView(
            member?.Id,
            program.Currency,
            earning.Total,
            earning.Total - earning.RedeemedValue,
            earning.EligibleAmount,
            Earned(program, earned.Points, occurredAt, now),
            new RedeemPreview(requested, refusal is null ? earning.RedeemedValue : 0, maxRedeemable, maxRedeemable * program.PointValue, refusal is null, refusal?.Code, refusal?.Message),
            earned.Evaluation.Cashback,
            member is null ? null : new BalanceView(member.Available, member.Pending),
            EarnRuleView.From(earned.Evaluation),
            lines.Select((l, i) => Line(l, i + 1, earning.Lines[i], earned.PointsOfLine(i + 1))).ToList()));
    }

    private static async Task<IResult> Get(string id, HttpContext http, TreuDbContext db, ProgramSettings programs, CancellationToken ct)
    {
        var caller = http.Caller();
        // A key bound to a store sees that store's receipts only.
        var purchase = await db.Purchases.AsNoTracking().Include(p => p.Lines)
            .SingleOrDefaultAsync(p => p.ProgramId == caller.ProgramId && p.Id == id && (caller.StoreId == null || p.StoreId == caller.StoreId), ct);
        if (purchase is null)
        {
            return Problems.Result(404, "transaction_not_found", "No such transaction in this program.");
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == purchase.MemberId, ct);
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var breakdown = JsonSerializer.Deserialize<List<EarnRuleView>>(purchase.Breakdown, JsonSerializerOptions.Web) ?? [];
        return Results.Ok(View(purchase, breakdown, member, program, excluded: null));
    }

    internal static ValueTask<List<PointsLot>> AvailableLots(TreuDbContext db, string memberId, CancellationToken ct) =>
        AvailableLotsOf.For(db)(db, memberId).ToListAsync(ct);

    // Runs inside the write lane for every redemption.
    private static readonly CompiledQuery<Func<TreuDbContext, string, IAsyncEnumerable<PointsLot>>> AvailableLotsOf = new(() => EF.CompileAsyncQuery(
        (TreuDbContext db, string memberId) => db.Lots.Where(l => l.MemberId == memberId && l.State == LotState.Available && l.Remaining > 0)));

    /// <summary>The posting's new entries and lots, for the unit of work's save (the member and spent lots are tracked).</summary>
    internal static void Save(TreuDbContext db, LedgerPosting posting)
    {
        db.InsertRange(posting.Entries);
        db.InsertRange(posting.NewLots);
    }

    private static EarnedView Earned(LoyaltyProgram program, long points, DateTime occurredAt, DateTime now)
    {
        var availableAt = Clock.ToStoredPrecision(occurredAt).AddDays(program.PendingDays);
        return availableAt > now ? new EarnedView(points, "pending", availableAt) : new EarnedView(points, "available", null);
    }

    private static IReadOnlyList<string>? PaymentMethods(PurchaseRequest body) => body.PaymentMethods?.Select(m => m.Trim().ToLowerInvariant()).Distinct().ToList();

    private static PurchaseView View(Purchase p, IReadOnlyList<EarnRuleView> breakdown, Member member, LoyaltyProgram program, string?[]? excluded) => new(
        p.Id, p.MemberId, p.ExternalId, p.Channel, p.StoreId == "" ? null : p.StoreId, p.OccurredAt, p.Currency, p.Total,
        p.Total - p.RedeemedValue, p.EligibleAmount,
        p.EarnedPending ? new EarnedView(p.PointsEarned, "pending", p.OccurredAt.AddDays(program.PendingDays)) : new EarnedView(p.PointsEarned, "available", null),
        new RedeemedView(p.PointsRedeemed, p.RedeemedValue),
        p.Cashback,
        new BalanceView(member.Available, member.Pending),
        breakdown,
        p.Lines.OrderBy(l => l.LineNo).Select(l => new LineView(l.LineNo, l.Sku, l.Name, l.Category, l.Quantity, l.UnitPrice, l.Discount, l.NetAmount,
            l.EligibleAmount, l.PointsEarned, l.PointsRedeemed, l.ReturnedQuantity,
            excluded?[l.LineNo - 1] ?? (l.EligibleAmount == 0 && l.Category is { } c && program.ExcludedCategories.Contains(c) ? $"category '{c}' does not earn points" : null))).ToList());

    private static LineView Line(BasketLine l, int no, LineEarning e, long points) =>
        new(no, l.Sku, l.Name, l.Category, l.Quantity, l.UnitPrice, l.Discount, e.NetAmount, e.EligibleAmount, points, e.PointsRedeemed, 0, e.ExcludedBecause);
}
