using Microsoft.AspNetCore.Http.HttpResults;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

public static class ReturnEndpoints
{
    public static void MapReturnEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/transactions/{id}/returns", Return)
            .WithName("returnPurchase")
            .WithTags("Transactions")
            .RequireScopes(Scopes.Checkout)
            .Access(pos: 201, ecommerce: 201, app: 403, admin: 201)
            .Idempotent()
            .WithSummary("Return some or all lines of a purchase")
            .WithDescription("Lines by sku and quantity; without lines, everything not yet returned. Reverses the earned points of those lines, pending points first, "
                + "and refunds the points redeemed on their share. A line cannot be returned beyond its quantity. "
                + "The return's externalId, scoped to channel and store, is an idempotency key.")
            .Produces<ReturnView>(201)
            .WithRequestExample(Examples.Return)
            .WithResponseExample(201, Examples.ReturnResult);
    }

    private static async Task<Results<KeptCreated<ReturnView>, ProblemHttpResult>> Return(string id, ReturnRequest body, HttpContext http, ReturnPurchase returns,
        IdempotentWrites writes)
    {
        var order = await returns.CheckAsync(http.Caller(), id, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, new { id, body }, order.Value.Keys, CommitGroup.ForMember(order.Value.MemberId),
            ct => returns.RunAsync(order.Value, ct));
    }
}
