using Treu.Domain.Common;
using Treu.Domain.Members;

namespace Treu.Domain.Tiers;

/// <summary>
/// How a ladder moves a member: up at once when what the member did crosses a threshold (the purchase, action or credit
/// that did it), down only at a review (the end of the period, or some months after the last upgrade), one step at a time
/// with a soft landing, never below a manual tier while it lasts. A return takes its qualifying amount back, and with it
/// the tier at once only when the program says so. The one place that changes a member's tier.
/// </summary>
public static class TierPolicy
{
    /// <summary>Counts what the member did in the month it happened; upgrades the member when that crosses a threshold.</summary>
    public static TierMove? Qualify(Member member, TierLadder ladder, QualifyingAmounts amounts, DateTime occurredAt, DateTime now, TimeZoneInfo zone)
    {
        var qualification = Qualification.Parse(member.Qualification);
        qualification.Add(TierMonths.Of(occurredAt, zone), amounts, TierMonths.Of(now, zone));
        member.Qualification = qualification.ToString();
        var current = ladder.RankOf(member.Tier);
        var value = ValueNow(qualification, ladder, now, zone);
        var qualified = ladder.RankFor(value);
        // A tier the ladder no longer has waits for its review, which places the member on the new ladder.
        if (current < 0 || qualified <= current)
        {
            return null;
        }

        return Move(member, ladder, qualified, value, now, NextReviewAfter(ladder, now, zone), zone);
    }

    /// <summary>Takes back what a month was given (a return, a debit), never below zero; the tier stays until the review.</summary>
    public static void TakeBack(Member member, QualifyingAmounts amounts, DateTime qualifiedAt, TimeZoneInfo zone)
    {
        var qualification = Qualification.Parse(member.Qualification);
        qualification.TakeBack(TierMonths.Of(qualifiedAt, zone), amounts);
        member.Qualification = qualification.ToString();
    }

    /// <summary>Whether the member now qualifies for less than the tier held (after a return, say).</summary>
    public static bool QualifiesBelowTier(Member member, TierLadder ladder, DateTime now, TimeZoneInfo zone) =>
        ladder.RankOf(member.Tier) is > 0 and var current && ladder.RankFor(ValueNow(Qualification.Parse(member.Qualification), ladder, now, zone)) < current;

    /// <summary>
    /// For a program that demotes at once on a return: back to what the member qualifies for without it, but never below the
    /// tier held when the returned purchase was made (<paramref name="tierAtPurchase"/>), nor below a manual tier; never up.
    /// </summary>
    public static TierMove? DemoteAfterReturn(Member member, TierLadder ladder, string? tierAtPurchase, DateTime now, TimeZoneInfo zone)
    {
        var current = ladder.RankOf(member.Tier);
        var value = ValueNow(Qualification.Parse(member.Qualification), ladder, now, zone);
        var target = Math.Max(Math.Max(ladder.RankFor(value), FloorRank(member, ladder, now)), Math.Max(0, ladder.RankOf(tierAtPurchase)));
        return current <= 0 || target >= current ? null : Move(member, ladder, target, value, now, member.TierReviewAt, zone);
    }

    public static bool IsDue(Member member, DateTime now) => member.TierReviewAt is { } at && at <= now;

    /// <summary>
    /// The review of a member whose review is due: the window that ended at the review decides, a soft landing drops one
    /// tier at most, a manual tier holds until it ends (and then the member is reviewed that day). A review can also lift
    /// a member, when the ladder changed since. Schedules the next review; null when the tier stays.
    /// </summary>
    public static TierMove? Review(Member member, TierLadder ladder, DateTime now, TimeZoneInfo zone)
    {
        var at = member.TierReviewAt ?? now;
        if (member.ManualTierUntil is { } ended && ended <= at)
        {
            (member.ManualTier, member.ManualTierUntil, member.ManualTierReason) = (null, null, null);
        }

        var qualification = Qualification.Parse(member.Qualification);
        var (from, to, withBefore) = Window(ladder.Period, TierMonths.EndedBy(at, zone));
        var value = qualification.Sum(from, to, withBefore).Of(ladder.Metric);
        var qualified = ladder.RankFor(value);
        var current = ladder.RankOf(member.Tier);
        var target = current < 0 || qualified >= current ? qualified : ladder.SoftLanding ? Math.Max(qualified, current - 1) : qualified;
        target = Math.Max(target, FloorRank(member, ladder, at));
        var next = NextReviewAfter(ladder, at, zone);
        if (target == current)
        {
            member.TierReviewAt = Scheduled(member, target, next);
            return null;
        }

        return Move(member, ladder, target, value, now, next, zone);
    }

    /// <summary>
    /// A tier given by hand until a day (that day included): the member holds at least that tier until then, and goes up to
    /// it now if below. When it ends, the member is reviewed.
    /// </summary>
    public static Result<TierMove?> GrantManual(Member member, TierLadder ladder, string tier, DateOnly until, string reason, DateTime now, TimeZoneInfo zone)
    {
        var rank = ladder.RankOf(tier);
        if (rank < 0)
        {
            return TierErrors.UnknownTier.With($"The program's ladder has no tier '{tier}'; its tiers: {string.Join(", ", ladder.Tiers.Select(t => t.Id))}.", "tier");
        }

        var ends = TierMonths.EndOf(until, zone);
        (member.ManualTier, member.ManualTierUntil, member.ManualTierReason) = (tier, ends, reason);
        var current = ladder.RankOf(member.Tier);
        var qualification = Qualification.Parse(member.Qualification);
        if (rank > current)
        {
            return Move(member, ladder, rank, ValueNow(qualification, ladder, now, zone), now, member.TierReviewAt is { } due && due < ends ? due : ends, zone);
        }

        member.TierReviewAt = member.TierReviewAt is { } review && review < ends ? review : ends;
        return (TierMove?)null;
    }

    /// <summary>Ends a manual tier before its day: the member is reviewed at the next run of the review, on what the member qualifies for.</summary>
    public static void EndManual(Member member, TierLadder ladder, DateTime now)
    {
        (member.ManualTier, member.ManualTierUntil, member.ManualTierReason) = (null, null, null);
        if (ladder.RankOf(member.Tier) != 0)
        {
            member.TierReviewAt = now;
        }
    }

    /// <summary>Puts a member's review off (one that could not be made), so that the review goes on with the others.</summary>
    public static void Postpone(Member member, DateTime until) => member.TierReviewAt = until;

    /// <summary>The qualifying value of the window that holds now, in the ladder's metric.</summary>
    public static decimal ValueNow(Qualification qualification, TierLadder ladder, DateTime now, TimeZoneInfo zone)
    {
        var (from, to, withBefore) = Window(ladder.Period, TierMonths.Of(now, zone));
        return qualification.Sum(from, to, withBefore).Of(ladder.Metric);
    }

    /// <summary>The months a period reads when it ends with <paramref name="last"/> (both included), and whether the months before count.</summary>
    public static (int From, int To, bool WithBefore) Window(QualifyingPeriod period, int last) => period switch
    {
        QualifyingPeriod.CalendarYear => (last / 12 * 12, last, false),
        QualifyingPeriod.Lifetime => (int.MinValue, last, true),
        _ => (last - 11, last, false),
    };

    /// <summary>
    /// The first review after <paramref name="from"/> (an upgrade, or a review): the first of the month after the given
    /// number of months, or the next 1 January; at midnight, the program's time.
    /// </summary>
    public static DateTime NextReviewAfter(TierLadder ladder, DateTime from, TimeZoneInfo zone) => ladder.ReviewAt == ReviewSchedule.PeriodEnd
        ? TierMonths.Start((TierMonths.Of(from, zone) / 12 + 1) * 12, zone)
        : TierMonths.Start(TierMonths.EndedBy(from, zone) + ladder.ReviewMonths + 1, zone);

    public static TierProgress Progress(Member member, TierLadder ladder, DateTime now, TimeZoneInfo zone)
    {
        var qualification = Qualification.Parse(member.Qualification);
        var month = TierMonths.Of(now, zone);
        var (from, to, withBefore) = Window(ladder.Period, month);
        var shownFrom = withBefore ? month - Qualification.MonthsKept + 1 : from;
        var months = Enumerable.Range(shownFrom, to - shownFrom + 1)
            .Select(m => (m, qualification.Sum(m, m, withBefore: false).Of(ladder.Metric))).ToList();
        var before = withBefore ? qualification.Sum(int.MinValue, shownFrom - 1, withBefore: true).Of(ladder.Metric) : 0;
        var value = qualification.Sum(from, to, withBefore).Of(ladder.Metric);

        var rank = ladder.RankOf(member.Tier);
        var tier = rank >= 0 ? ladder.Tiers[rank] : new TierDefinition { Id = member.Tier!, Name = new LocalizedText(member.Tier, member.Tier) };
        var next = rank >= 0 && rank + 1 < ladder.Tiers.Count ? ladder.Tiers[rank + 1] : null;
        var floor = member.ManualTierUntil > now ? member.ManualTier : null;

        DateOnly? securedUntil = null;
        decimal? needed = null;
        var reviewAt = member.TierReviewAt;
        if (rank != 0)
        {
            var at = reviewAt ?? now;
            var (reviewFrom, reviewTo, reviewWithBefore) = Window(ladder.Period, TierMonths.EndedBy(at, zone));
            var known = qualification.Sum(reviewFrom, Math.Min(reviewTo, month), reviewWithBefore).Of(ladder.Metric);
            needed = Math.Max(0, tier.Threshold - known);
            var holdsUntil = needed == 0 && rank > 0 ? NextReviewAfter(ladder, at, zone) : at;
            if (floor is not null && ladder.RankOf(floor) >= rank && member.ManualTierUntil > at)
            {
                needed = 0;
                holdsUntil = holdsUntil > member.ManualTierUntil!.Value ? holdsUntil : member.ManualTierUntil.Value;
            }

            securedUntil = TierMonths.DayBefore(holdsUntil, zone);
        }

        return new TierProgress(tier, member.TierSince, securedUntil, value, next, next is null ? null : Math.Max(0, next.Threshold - value), reviewAt, needed,
            months, before, floor, floor is null ? null : TierMonths.DayBefore(member.ManualTierUntil!.Value, zone), floor is null ? null : member.ManualTierReason);
    }

    private static int FloorRank(Member member, TierLadder ladder, DateTime at) =>
        member.ManualTier is { } floor && member.ManualTierUntil > at ? Math.Max(0, ladder.RankOf(floor)) : 0;

    /// <summary>The next review: none at the base tier without a manual tier, and no later than a manual tier's end.</summary>
    private static DateTime? Scheduled(Member member, int rank, DateTime next)
    {
        if (member.ManualTierUntil is { } ends)
        {
            return ends < next ? ends : next;
        }

        return rank == 0 ? null : next;
    }

    private static TierMove Move(Member member, TierLadder ladder, int rank, decimal value, DateTime now, DateTime? next, TimeZoneInfo zone)
    {
        // A member without a tier yet held the base tier.
        var from = member.Tier ?? ladder.Base.Id;
        var fromRank = ladder.RankOf(from);
        member.Tier = ladder.Tiers[rank].Id;
        member.TierSince = Clock.ToStoredPrecision(now);
        member.TierReviewAt = Scheduled(member, rank, next ?? NextReviewAfter(ladder, now, zone));
        // A tier the ladder no longer has is ranked by where the member lands: on the base tier, that is down.
        var down = fromRank >= 0 ? rank < fromRank : rank == 0;
        return new TierMove(from, member.Tier, down ? TierDirection.Down : TierDirection.Up, value);
    }
}
