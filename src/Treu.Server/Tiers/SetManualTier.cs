using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Tiers;

/// <summary>
/// An administrator gives a member a tier by hand until a day, with a reason (a status match, a celebrity's VIP): a floor
/// the member holds at least until then, and rises to at once if below. Sent without a tier, it ends the manual tier early.
/// </summary>
public sealed class SetManualTier(MemberLedgerStore ledger, TierLadders ladders, TierMoves moves, ProgramSettings programs, TimeProvider clock)
{
    public const int MaxYearsAhead = 5;

    public sealed record Order(Caller Caller, LoyaltyProgram Program, ProgramLadder Ladder, string MemberId, string? Tier, DateOnly? Until, string Reason);

    public async Task<Result<Order>> CheckAsync(Caller caller, string memberId, ManualTierRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, RuledEarning.TimeZoneOf(program)));
        var check = new Validation().Require("reason", body.Reason, 500).MaxLength("tier", body.Tier, 32);
        if (body.Tier is not null && body.Until is null)
        {
            check.Add("until", "is required with a tier: the last day the manual tier holds");
        }
        else if (body.Tier is not null && (body.Until <= today || body.Until > today.AddYears(MaxYearsAhead)))
        {
            check.Add("until", $"must lie after today and at most {MaxYearsAhead} years ahead");
        }
        else if (body.Tier is null && body.Until is not null)
        {
            check.Add("until", "goes with a tier; without one the manual tier ends now");
        }

        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        if (await ladders.GetAsync(caller.ProgramId, ct) is not { } ladder)
        {
            return NoTiers();
        }

        if (body.Tier is not null && ladder.Ladder.RankOf(body.Tier) < 0)
        {
            return TierErrors.UnknownTier.With($"The program's ladder has no tier '{body.Tier}'; its tiers: {string.Join(", ", ladder.Ladder.Tiers.Select(t => t.Id))}.", "tier");
        }

        return new Order(caller, program, ladder, memberId, body.Tier, body.Until, body.Reason!.Trim());
    }

    public async Task<Result<ManualTierResultView>> RunAsync(Order order, CancellationToken ct)
    {
        var member = await ledger.LockAsync(order.Caller.ProgramId, order.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(order.MemberId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var change = Apply(member, order.Ladder, order.Program, order.Tier, order.Until, order.Reason, now);
        if (change.Failure is { } refused)
        {
            return refused;
        }

        var view = change.Value is { } move ? moves.Record(member, order.Ladder, move, TierCauses.Admin, null, order.Reason, now) : null;
        return new ManualTierResultView(view, TierStanding.Of(member, order.Ladder, order.Program, now));
    }

    /// <summary>Gives (or with no tier, ends) a manual tier; the change it made. Shared with the member import's tier column.</summary>
    public static Result<TierMove?> Apply(Member member, ProgramLadder ladder, LoyaltyProgram program, string? tier, DateOnly? until, string reason, DateTime now)
    {
        if (tier is null)
        {
            TierPolicy.EndManual(member, ladder.Ladder, now);
            return (TierMove?)null;
        }

        return TierPolicy.GrantManual(member, ladder.Ladder, tier, until!.Value, reason, now, RuledEarning.TimeZoneOf(program));
    }

    public static Failure NoTiers() => TierErrors.NoTiers.With("This program has no tiers yet: set up its ladder with PUT /v1/admin/tiers.");
}
