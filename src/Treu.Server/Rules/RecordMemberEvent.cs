using System.Text.Json;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;

namespace Treu.Server.Rules;

/// <summary>
/// An action of the member that is not a purchase (newsletter opt-in, product review, survey …): recorded once, and
/// rewarded by the event rules for its type within their per-member limits. The points are available at once: an action
/// has no return window.
/// </summary>
public sealed class RecordMemberEvent(MemberLedgerStore ledger, RuledEarning rules, ProgramSettings programs, TimeProvider clock, TierQualification tiers,
    DomainEvents events)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, string MemberId, string Type, string? ExternalId, DateTime OccurredAt)
    {
        /// <summary>The action's own id with its type (a review's id): the same action sent twice earns once.</summary>
        public IReadOnlyList<IdempotencyKey> Keys => ExternalId is null ? [] :
            [new IdempotencyKey($"event:{MemberId}:{Type}", ExternalId, true, $"Event '{Type}' of member {MemberId} with externalId '{ExternalId}'")];
    }

    public async Task<Result<Order>> CheckAsync(Caller caller, string memberId, MemberEventRequest body, CancellationToken ct)
    {
        var check = new Validation().Require("type", body.Type, 64).MaxLength("externalId", body.ExternalId, 100);
        if (body.Type is { Length: > 0 and <= 64 } type && !type.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '.' or '-'))
        {
            check.Add("type", "must be lower-case letters, digits, '_', '.' or '-' (e.g. newsletter_opt_in)");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        check.RecentPast("occurredAt", body.OccurredAt, now);
        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        return new Order(caller, await programs.GetAsync(caller.ProgramId, ct), memberId, body.Type!, body.ExternalId,
            Clock.ToStoredPrecision(body.OccurredAt?.ToUniversalTime() ?? now));
    }

    public async Task<Result<MemberEventView>> RunAsync(Order order, CancellationToken ct)
    {
        var caller = order.Caller;
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
        var evaluation = await rules.ForEventAsync(order.Program, member, caller.Channel, order.Type, order.OccurredAt, ct);
        var breakdown = EarnRuleView.From(evaluation);
        var action = new MemberEvent
        {
            Id = Ids.New("evt"),
            ProgramId = caller.ProgramId,
            MemberId = member.Id,
            Type = order.Type,
            ExternalId = order.ExternalId,
            Channel = caller.Channel,
            OccurredAt = order.OccurredAt,
            RecordedAt = Clock.ToStoredPrecision(now),
            Points = evaluation.Points,
            Breakdown = JsonSerializer.Serialize(breakdown, JsonSerializerOptions.Web),
        };

        if (evaluation.Points > 0)
        {
            var posting = new LedgerPosting(order.Program, member, now);
            posting.Earn(evaluation.Points, new EntrySource(caller.Channel, null, caller.Actor, "event", action.Id, $"Earned for '{action.Type}'",
                Ledger.RuleRef.Of(evaluation)), pending: false);
            ledger.Post(posting);
            events.Record(member, EventTypes.PointsEarned,
                PurchaseEvents.Earned(member.Id, posting.NewLots[^1], "event", action.Id, new EventBalance(member.Available, member.Pending)), now);
        }

        await rules.RecordAsync(order.Program, member, evaluation, ct);
        var tier = await tiers.QualifyAsync(order.Program, member, new QualifyingAmounts(evaluation.Points, 0, 0), action.OccurredAt, now, TierCauses.Event, action.Id, ct);
        ledger.Insert(action);
        return new MemberEventView(action.Id, member.Id, action.Type, action.ExternalId, action.OccurredAt, action.Points, breakdown,
            new BalanceView(member.Available, member.Pending), tier);
    }
}
