using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Members;
using Treu.Server.Storage;
using Treu.Server.Transactions;

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

    private static async Task<IResult> Record(string id, MemberEventRequest body, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IdempotentWrites writes, WriteTransaction tx, RuledEarning rules, TimeProvider clock)
    {
        var caller = http.Caller();
        var check = new Validation().Require("type", body.Type, 64).MaxLength("externalId", body.ExternalId, 100);
        if (body.Type is { Length: > 0 and <= 64 } type && !type.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-'))
        {
            check.Add("type", "must be lower-case letters, digits, '_', '.' or '-' (e.g. newsletter_opt_in)");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        check.RecentPast("occurredAt", body.OccurredAt, now);

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var program = await programs.GetAsync(caller.ProgramId, http.RequestAborted);
        var keys = body.ExternalId is { } externalId
            ? [new IdempotencyKey($"event:{id}:{body.Type}", externalId, true, $"Event '{body.Type}' of member {id} with externalId '{externalId}'")]
            : Array.Empty<IdempotencyKey>();
        return await writes.RunAsync(http, new { id, body }, keys, async ct =>
        {
            var member = await tx.LockMemberAsync(caller.ProgramId, id, ct);
            if (member is null)
            {
                return MemberEndpoints.NotFoundFailure(id);
            }

            if (member.Status == MemberStatus.Blocked)
            {
                return new Failure("member_blocked", "This member is blocked: no points can be earned or redeemed.");
            }

            var occurredAt = Clock.ToStoredPrecision(body.OccurredAt?.ToUniversalTime() ?? now);
            var evaluation = await rules.ForEventAsync(program, member, caller.Channel, body.Type!, occurredAt, ct);
            var breakdown = EarnRuleView.From(evaluation);
            var action = new MemberEvent
            {
                Id = Ids.New("evt"),
                ProgramId = caller.ProgramId,
                MemberId = member.Id,
                Type = body.Type!,
                ExternalId = body.ExternalId,
                Channel = caller.Channel,
                OccurredAt = occurredAt,
                RecordedAt = Clock.ToStoredPrecision(now),
                Points = evaluation.Points,
                Breakdown = JsonSerializer.Serialize(breakdown, JsonSerializerOptions.Web),
            };

            if (evaluation.Points > 0)
            {
                // No return window for an action: the points are available at once.
                var posting = new LedgerPosting(program, member, now);
                posting.Earn(evaluation.Points, new EntrySource(caller.Channel, null, caller.Actor, "event", action.Id, $"Earned for '{action.Type}'",
                    Ledger.RuleRef.Of(evaluation)), pending: false);
                PurchaseEndpoints.Save(db, posting);
            }

            await rules.RecordAsync(program, member, evaluation, ct);
            db.MemberEvents.Add(action);
            return Outcome.Created(new MemberEventView(action.Id, member.Id, action.Type, action.ExternalId, action.OccurredAt, action.Points, breakdown,
                new BalanceView(member.Available, member.Pending)));
        }, CommitGroup.ForMember(id));
    }
}
