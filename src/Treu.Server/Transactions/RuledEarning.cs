using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rules;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

/// <summary>Runs the rules engine for a purchase or an event, with the member's facts and the capped rules' usage.</summary>
public sealed class RuledEarning(TreuDbContext db, RuleBooks books, RuleUsages usages, Tiers.TierLadders ladders)
{
    public async Task<BasketRules> ForBasketAsync(LoyaltyProgram program, Member? member, string channel, string? storeId, DateTime occurredAt,
        IReadOnlyList<BasketLine> lines, IReadOnlyList<string>? paymentMethods, long redeem, bool explain, CancellationToken ct)
    {
        var basket = EarnCalculator.Compute(program, lines, redeem);
        var book = await books.GetAsync(program, ct);
        var firstPurchase = member is not null && book.AsksFirstPurchase && !await HasPurchased.For(db)(db, member.Id, ct);
        var request = new EarnRequest(RuleTrigger.Purchase, channel, storeId, occurredAt, Facts(member, firstPurchase, await BaseTierAsync(program, member, ct)),
            lines.Select((l, i) => new EarnLine(i + 1, l.Sku, l.Category, l.Brand, l.Quantity, basket.Lines[i].EligibleAmount)).ToList(),
            paymentMethods, TimeZone: TimeZoneOf(program));
        var evaluation = await EvaluateAsync(program, book, member, request, explain, ct);
        return new BasketRules(basket, member is { Status: MemberStatus.Blocked } ? Nothing(evaluation) : evaluation);
    }

    public async Task<RuleEvaluation> ForEventAsync(LoyaltyProgram program, Member member, string channel, string eventType, DateTime occurredAt, CancellationToken ct)
    {
        var book = await books.GetAsync(program, ct);
        var request = new EarnRequest(RuleTrigger.Event, channel, null, occurredAt, Facts(member, false, await BaseTierAsync(program, member, ct)), [], EventType: eventType,
            TimeZone: TimeZoneOf(program));
        return await EvaluateAsync(program, book, member, request, explain: true, ct);
    }

    /// <summary>Counts what capped rules gave; call inside the write's transaction, after <see cref="ForBasketAsync"/>.</summary>
    public Task RecordAsync(LoyaltyProgram program, Member member, RuleEvaluation evaluation, CancellationToken ct) =>
        usages.RecordAsync(program.Id, member.Id, evaluation, ct);

    // Runs inside the write lane for every purchase when a rule asks for a first purchase.
    private static readonly CompiledQuery<Func<TreuDbContext, string, CancellationToken, Task<bool>>> HasPurchased = new(() => EF.CompileAsyncQuery(
        (TreuDbContext db, string memberId, CancellationToken ct) => db.Purchases.Any(p => p.MemberId == memberId)));

    /// <param name="baseTier">The program's base tier, which a member holds who has not reached another (null: no tiers).</param>
    public static MemberFacts Facts(Member? member, bool firstPurchase, string? baseTier) => member is null
        ? new MemberFacts()
        : new MemberFacts(member.Tier ?? baseTier, member.Tags, member.BirthDate, firstPurchase, member.Attributes);

    private async ValueTask<string?> BaseTierAsync(LoyaltyProgram program, Member? member, CancellationToken ct) =>
        member is { Tier: null } && await ladders.GetAsync(program.Id, ct) is { } ladder ? ladder.Ladder.Base.Id : null;

    public static TimeZoneInfo TimeZoneOf(LoyaltyProgram program) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(program.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    private async Task<RuleEvaluation> EvaluateAsync(LoyaltyProgram program, RuleBook book, Member? member, EarnRequest request, bool explain, CancellationToken ct)
    {
        if (member is not null)
        {
            await usages.LoadAsync(program.Id, book, member.Id, request.LocalDay, ct);
        }

        var evaluation = RuleEngine.Evaluate(book, request, usages.For, explain);
        if (!explain)
        {
            return evaluation;
        }

        // A purchase's explanation need not list the event rules, nor an event's the purchase rules or the rules for other
        // types of event: "applies to 'product_review' events" on a newsletter opt-in explains nothing.
        var unrelated = book.Where(r => r.Definition.Trigger != request.Trigger
                || (request.Trigger == RuleTrigger.Event && !string.Equals(r.Definition.EventType, request.EventType, StringComparison.Ordinal)))
            .Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return evaluation with { Outcomes = evaluation.Outcomes.Where(o => !unrelated.Contains(o.RuleId)).ToList() };
    }

    private static RuleEvaluation Nothing(RuleEvaluation e) => new(0, 0, e.Outcomes.Select(o => o with
    {
        Applied = false,
        Points = 0,
        Cashback = 0,
        Lines = [],
        Reason = "the member is blocked",
    }).ToList(), []);
}
