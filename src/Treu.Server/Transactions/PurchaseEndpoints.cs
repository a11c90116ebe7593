using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Server.Hosting;
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

    private static async Task<Results<KeptCreated<PurchaseView>, ProblemHttpResult>> Record(PurchaseRequest body, HttpContext http, RecordPurchase purchase,
        IdempotentWrites writes)
    {
        var order = await purchase.CheckAsync(http.Caller(), body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, body, [order.Value.Receipt], CommitGroup.ForMember(order.Value.MemberId),
            ct => purchase.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Ok<PreviewView>, ProblemHttpResult>> Preview(PurchaseRequest body, HttpContext http, PreviewPurchase preview, CancellationToken ct) =>
        (await preview.RunAsync(http.Caller(), body, ct)).ToOkOrProblem();

    private static async Task<Results<Ok<PurchaseView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, ProgramSettings programs, CancellationToken ct)
    {
        var caller = http.Caller();
        // A key bound to a store sees that store's receipts only.
        var purchase = await db.Purchases.AsNoTracking().Include(p => p.Lines)
            .SingleOrDefaultAsync(p => p.ProgramId == caller.ProgramId && p.Id == id && (caller.StoreId == null || p.StoreId == caller.StoreId), ct);
        if (purchase is null)
        {
            return Problems.For(TransactionErrors.NoSuchTransaction());
        }

        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == purchase.MemberId, ct);
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var breakdown = JsonSerializer.Deserialize<List<EarnRuleView>>(purchase.Breakdown, JsonSerializerOptions.Web) ?? [];
        return TypedResults.Ok(PurchaseView.From(purchase, breakdown, member, program, excluded: null));
    }
}
