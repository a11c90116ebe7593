using Treu.Domain.Tiers;
using static Treu.Domain.Tests.Tiers.Ladders;

namespace Treu.Domain.Tests.Tiers;

/// <summary>How the ladder moves a member: up at once, down only at a review, one step at a time, never below a manual tier.</summary>
public sealed class TierPolicyTests
{
    private static readonly DateTime May10 = At(2026, 5, 10);

    [Fact]
    public void Crossing_a_threshold_upgrades_at_once_and_the_tier_holds_twelve_months_to_the_end_of_the_month()
    {
        var anna = Member();

        var below = TierPolicy.Qualify(anna, Demo, Points(499), May10, May10, Berlin);
        var crossing = TierPolicy.Qualify(anna, Demo, Points(1), May10, May10, Berlin);

        Assert.Null(below);
        Assert.Equal(new TierMove("bronze", "silver", TierDirection.Up, 500), crossing);
        Assert.Equal("silver", anna.Tier);
        Assert.Equal(May10, anna.TierSince);
        Assert.Equal(TierMonths.Start(2027 * 12 + 5, Berlin), anna.TierReviewAt); // midnight on 1 June 2027, Berlin
    }

    [Fact]
    public void Enough_for_two_tiers_at_once_goes_straight_to_the_higher()
    {
        var anna = Member();

        var move = TierPolicy.Qualify(anna, Demo, Points(2500), May10, May10, Berlin);

        Assert.Equal(("gold", TierDirection.Up), (move?.To, move?.Direction));
    }

    [Fact]
    public void A_purchase_366_days_ago_no_longer_counts_in_a_rolling_window()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(600), May10, May10, Berlin);
        var q = Qualification.Parse(anna.Qualification);

        Assert.Equal(600, TierPolicy.ValueNow(q, Demo, May10.AddDays(300), Berlin));
        Assert.Equal(0, TierPolicy.ValueNow(q, Demo, May10.AddDays(366), Berlin));
    }

    [Fact]
    public void A_calendar_year_starts_again_on_the_first_of_January()
    {
        var ladder = Demo with { Period = QualifyingPeriod.CalendarYear, ReviewAt = ReviewSchedule.PeriodEnd };
        var anna = Member();
        TierPolicy.Qualify(anna, ladder, Points(600), At(2026, 12, 30), At(2026, 12, 30), Berlin);
        var q = Qualification.Parse(anna.Qualification);

        Assert.Equal(600, TierPolicy.ValueNow(q, ladder, At(2026, 12, 31), Berlin));
        Assert.Equal(0, TierPolicy.ValueNow(q, ladder, At(2027, 1, 1), Berlin));
        Assert.Equal(TierMonths.Start(2027 * 12, Berlin), anna.TierReviewAt);
    }

    [Fact]
    public void At_the_year_end_review_the_year_just_ended_decides_and_a_tier_earned_in_it_holds_through_the_next()
    {
        var ladder = Demo with { Period = QualifyingPeriod.CalendarYear, ReviewAt = ReviewSchedule.PeriodEnd };
        var anna = Member();
        TierPolicy.Qualify(anna, ladder, Points(2100), At(2026, 3, 1), At(2026, 3, 1), Berlin);

        var first = TierPolicy.Review(anna, ladder, At(2027, 1, 1), Berlin);
        var second = TierPolicy.Review(anna, ladder, At(2028, 1, 1), Berlin);

        Assert.Null(first);
        Assert.Equal(("gold", "silver", TierDirection.Down), (second?.From, second?.To, second?.Direction));
        Assert.Equal(TierMonths.Start(2029 * 12, Berlin), anna.TierReviewAt);
    }

    [Fact]
    public void A_soft_landing_drops_one_tier_per_review()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(5000), May10, May10, Berlin);

        var first = TierPolicy.Review(anna, Demo, anna.TierReviewAt!.Value, Berlin);
        var second = TierPolicy.Review(anna, Demo, anna.TierReviewAt!.Value, Berlin);
        var third = TierPolicy.Review(anna, Demo, anna.TierReviewAt!.Value, Berlin);

        Assert.Equal(("platinum", "gold"), (first?.From, first?.To));
        Assert.Equal(("gold", "silver"), (second?.From, second?.To));
        Assert.Equal(("silver", "bronze"), (third?.From, third?.To));
        Assert.Null(anna.TierReviewAt);
    }

    [Fact]
    public void Without_a_soft_landing_a_review_goes_straight_to_what_the_member_qualified_for()
    {
        var ladder = Demo with { SoftLanding = false };
        var anna = Member();
        TierPolicy.Qualify(anna, ladder, Points(5000), May10, May10, Berlin);
        var review = anna.TierReviewAt!.Value;
        TierPolicy.Qualify(anna, ladder, Points(600), review.AddDays(-20), review.AddDays(-20), Berlin);

        var move = TierPolicy.Review(anna, ladder, review, Berlin);

        Assert.Equal(("platinum", "silver", TierDirection.Down), (move?.From, move?.To, move?.Direction));
    }

    [Fact]
    public void A_review_that_finds_the_tier_earned_again_keeps_it_for_another_period()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(600), May10, May10, Berlin);
        var review = anna.TierReviewAt!.Value;
        TierPolicy.Qualify(anna, Demo, Points(500), review.AddDays(-40), review.AddDays(-40), Berlin);

        var move = TierPolicy.Review(anna, Demo, review, Berlin);

        Assert.Null(move);
        Assert.Equal("silver", anna.Tier);
        Assert.Equal(TierMonths.Start(2028 * 12 + 5, Berlin), anna.TierReviewAt);
    }

    [Fact]
    public void A_manual_tier_lifts_the_member_holds_through_a_review_and_ends_with_a_review_on_its_day()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(600), May10, May10, Berlin);
        var granted = TierPolicy.GrantManual(anna, Demo, "gold", new DateOnly(2027, 9, 30), "Status match", May10, Berlin);

        Assert.Equal(("silver", "gold", TierDirection.Up), (granted.Value?.From, granted.Value?.To, granted.Value?.Direction));
        Assert.Equal(TierMonths.Start(2027 * 12 + 5, Berlin), anna.TierReviewAt); // the review Silver brought: 1 June 2027

        var inForce = TierPolicy.Review(anna, Demo, anna.TierReviewAt!.Value, Berlin);
        Assert.Null(inForce);
        Assert.Equal(TierMonths.Start(2027 * 12 + 9, Berlin), anna.TierReviewAt); // the day after 30 September 2027
        var ended = TierPolicy.Review(anna, Demo, anna.TierReviewAt!.Value, Berlin);

        Assert.Equal(("gold", "silver"), (ended?.From, ended?.To));
        Assert.Null(anna.ManualTier);
    }

    [Fact]
    public void A_manual_tier_the_ladder_does_not_have_is_refused_and_changes_nothing()
    {
        var anna = Member();

        var refused = TierPolicy.GrantManual(anna, Demo, "diamond", new DateOnly(2026, 9, 30), "?", May10, Berlin);

        Assert.Equal("unknown_tier", refused.Failure?.Code);
        Assert.Null(anna.ManualTier);
        Assert.Null(anna.Tier);
    }

    [Fact]
    public void A_return_that_demotes_at_once_goes_back_no_lower_than_the_tier_held_when_the_purchase_was_made()
    {
        var ladder = Demo with { Returns = ReturnDemotion.AtOnce };
        var anna = Member();
        TierPolicy.Qualify(anna, ladder, Points(2100), May10, May10, Berlin);
        TierPolicy.Qualify(anna, ladder, Points(3000), May10.AddDays(1), May10.AddDays(1), Berlin);
        TierPolicy.TakeBack(anna, Points(3000), May10.AddDays(1), Berlin);

        Assert.True(TierPolicy.QualifiesBelowTier(anna, ladder, May10.AddDays(2), Berlin));
        var move = TierPolicy.DemoteAfterReturn(anna, ladder, "gold", May10.AddDays(2), Berlin);

        Assert.Equal(("platinum", "gold", TierDirection.Down), (move?.From, move?.To, move?.Direction));
    }

    [Fact]
    public void Progress_says_what_the_next_tier_takes_and_what_keeps_the_tier_at_its_review()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(1450), May10, May10, Berlin);
        var now = At(2026, 11, 23);

        var progress = TierPolicy.Progress(anna, Demo, now, Berlin);

        Assert.Equal("silver", progress.Tier.Id);
        Assert.Equal(1450, progress.Qualifying);
        Assert.Equal(("gold", 550m), (progress.Next?.Id, progress.Missing));
        // Reviewed on 1 June 2027 over June 2026 to May 2027: May 2026's points no longer count there.
        Assert.Equal(TierMonths.Start(2027 * 12 + 5, Berlin), progress.ReviewAt);
        Assert.Equal(500, progress.NeededToKeep);
        Assert.Equal(new DateOnly(2027, 5, 31), progress.SecuredUntil);
        Assert.Equal(12, progress.Months.Count);
        Assert.Equal((2026 * 12 + 4, 1450m), progress.Months.Single(m => m.Value > 0));
    }

    [Fact]
    public void Progress_of_a_tier_already_earned_for_the_next_review_is_secured_a_period_longer()
    {
        var anna = Member();
        TierPolicy.Qualify(anna, Demo, Points(600), May10, May10, Berlin);
        TierPolicy.Qualify(anna, Demo, Points(500), At(2026, 7, 2), At(2026, 7, 2), Berlin);

        var progress = TierPolicy.Progress(anna, Demo, At(2026, 7, 3), Berlin);

        Assert.Equal(0, progress.NeededToKeep);
        Assert.Equal(new DateOnly(2028, 5, 31), progress.SecuredUntil);
    }

    [Fact]
    public void The_base_tier_has_nothing_to_keep()
    {
        var progress = TierPolicy.Progress(Member(), Demo, May10, Berlin);

        Assert.Equal("bronze", progress.Tier.Id);
        Assert.Null(progress.SecuredUntil);
        Assert.Null(progress.NeededToKeep);
        Assert.Equal(500, progress.Missing);
    }
}
