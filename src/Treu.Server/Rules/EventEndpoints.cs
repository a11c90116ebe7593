using Microsoft.AspNetCore.Http.HttpResults;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rules;

/// <summary>Actions that are not purchases (newsletter opt-in, review, survey …): recorded once, rewarded by the event rules.</summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/v1/members/{id}/events").WithTags("Member actions");

        events.MapPost("", Record).WithName("recordMemberEvent").RequireScopes(Scopes.All).AccessForAll(201).Idempotent()
            .WithSummary("Record an action of the member (newsletter opt-in, product review, survey …) and reward it")
            .WithDescription("The rules for the event's type decide the points, within their per-member limits (once ever, N per day …). "
                + "The externalId (e.g. the review's id) with the type is a natural idempotency key: the same action sent twice earns once. "
                + "The answer lists every rule for this type, and for those that gave nothing, why.")
            .Produces<MemberEventView>(201).WithRequestExample(Examples.MemberEvent).WithResponseExample(201, Examples.MemberEventResult);
    }

    private static async Task<Results<KeptCreated<MemberEventView>, ProblemHttpResult>> Record(string id, MemberEventRequest body, HttpContext http,
        RecordMemberEvent events, IdempotentWrites writes)
    {
        var order = await events.CheckAsync(http.Caller(), id, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, new { id, body }, order.Value.Keys, CommitGroup.ForMember(id), ct => events.RunAsync(order.Value, ct));
    }
}
