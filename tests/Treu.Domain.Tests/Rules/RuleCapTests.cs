using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>Caps limit what a rule gives; a reached cap stops the rule, and the breakdown names the cap.</summary>
public sealed class RuleCapTests
{
    private static readonly EarnRequest HundredEuros = Purchase(Line(1, 30m), Line(2, 70m));

    private static RuleDefinition BaseRate(RuleCaps caps) => Rule("Base rate", new PointsPerAmountEffect(1)) with { Caps = caps };

    private static RuleOutcome Capped(RuleCaps caps, RuleUsage usage) => Evaluate(HundredEuros, usage, BaseRate(caps)).Of("Base rate");

    private static void AssertCapped(RuleOutcome outcome, long points, string reason)
    {
        Assert.True(outcome.Applied);
        Assert.Equal(points, outcome.Points);
        Assert.Equal(reason, outcome.Reason);
    }

    private static void AssertStopped(RuleOutcome outcome, string reason)
    {
        Assert.False(outcome.Applied);
        Assert.Equal(0, outcome.Points);
        Assert.Equal(reason, outcome.Reason);
    }

    [Fact]
    public void A_cap_per_transaction_limits_the_points_of_one_basket()
    {
        var evaluation = Evaluate(HundredEuros, BaseRate(new RuleCaps(PerTransaction: 50)));

        AssertCapped(evaluation.Of("Base rate"), 50, "capped at 50 by the cap per transaction of 50");
        Assert.Equal(50, evaluation.Points);
        Assert.Equal([15L, 35L], new[] { evaluation.PointsOfLine(1), evaluation.PointsOfLine(2) });
    }

    [Fact]
    public void A_cap_that_is_not_reached_changes_nothing()
    {
        var outcome = Capped(new RuleCaps(PerTransaction: 100, PerMemberPerDay: 500, Budget: 1000), new RuleUsage(MemberToday: 400, BudgetUsed: 900));

        Assert.Equal(100, outcome.Points);
        Assert.Null(outcome.Reason);
    }

    [Fact]
    public void A_daily_cap_counts_what_the_member_already_earned_today()
    {
        AssertCapped(Capped(new RuleCaps(PerMemberPerDay: 100), new RuleUsage(MemberToday: 80)), 20, "capped at 20 by the daily cap per member of 100");
        AssertStopped(Capped(new RuleCaps(PerMemberPerDay: 100), new RuleUsage(MemberToday: 100)), "daily cap per member of 100 reached");
        AssertStopped(Capped(new RuleCaps(PerMemberPerDay: 100), new RuleUsage(MemberToday: 130)), "daily cap per member of 100 reached");
    }

    [Fact]
    public void A_weekly_cap_counts_what_the_member_already_earned_this_week()
    {
        AssertCapped(Capped(new RuleCaps(PerMemberPerWeek: 300), new RuleUsage(MemberToday: 250, MemberThisWeek: 270)), 30, "capped at 30 by the weekly cap per member of 300");
        AssertStopped(Capped(new RuleCaps(PerMemberPerWeek: 300), new RuleUsage(MemberThisWeek: 300)), "weekly cap per member of 300 reached");
    }

    [Fact]
    public void A_monthly_cap_counts_what_the_member_already_earned_this_month()
    {
        AssertCapped(Capped(new RuleCaps(PerMemberPerMonth: 1000), new RuleUsage(MemberThisMonth: 990)), 10, "capped at 10 by the monthly cap per member of 1000");
        AssertStopped(Capped(new RuleCaps(PerMemberPerMonth: 1000), new RuleUsage(MemberThisMonth: 1000)), "monthly cap per member of 1000 reached");
    }

    [Fact]
    public void A_reached_budget_stops_the_rule_and_says_so()
    {
        var evaluation = Evaluate(HundredEuros, new RuleUsage(BudgetUsed: 10_000), BaseRate(new RuleCaps(Budget: 10_000)));

        AssertStopped(evaluation.Of("Base rate"), "campaign budget of 10000 reached");
        Assert.Equal(0, evaluation.Points);
        Assert.Empty(evaluation.Applied);
    }

    [Fact]
    public void The_last_points_of_a_budget_go_to_the_purchase_that_reaches_it()
    {
        AssertCapped(Capped(new RuleCaps(Budget: 10_000), new RuleUsage(BudgetUsed: 9_950)), 50, "capped at 50 by the campaign budget of 10000");
    }

    [Fact]
    public void The_tightest_cap_wins_and_is_named()
    {
        var caps = new RuleCaps(PerTransaction: 80, PerMemberPerDay: 100, PerMemberPerMonth: 2000, Budget: 5000);

        AssertCapped(Capped(caps, new RuleUsage(MemberToday: 50, MemberThisMonth: 50, BudgetUsed: 4000)), 50, "capped at 50 by the daily cap per member of 100");
        AssertCapped(Capped(caps, new RuleUsage(MemberToday: 0, MemberThisMonth: 1970, BudgetUsed: 4000)), 30, "capped at 30 by the monthly cap per member of 2000");
        AssertCapped(Capped(caps, RuleUsage.None), 80, "capped at 80 by the cap per transaction of 80");
        AssertStopped(Capped(caps, new RuleUsage(MemberToday: 10, BudgetUsed: 5000)), "campaign budget of 5000 reached");
    }

    [Fact]
    public void A_rule_given_once_per_member_is_not_given_twice()
    {
        var once = new RuleCaps(TimesPerMember: 1);

        Assert.Equal(100, Capped(once, RuleUsage.None).Points);
        AssertStopped(Capped(once, new RuleUsage(TimesForMember: 1)), "limit reached: 1 time(s) per member");
    }

    [Fact]
    public void A_rule_given_twice_a_day_stops_for_the_day_after_the_second_time()
    {
        var twiceADay = new RuleCaps(TimesPerMemberPerDay: 2);

        Assert.Equal(100, Capped(twiceADay, new RuleUsage(TimesForMember: 40, TimesForMemberToday: 1)).Points);
        AssertStopped(Capped(twiceADay, new RuleUsage(TimesForMember: 40, TimesForMemberToday: 2)), "limit reached: 2 time(s) per member per day");
    }

    [Fact]
    public void A_used_up_cashback_rule_gives_no_cashback()
    {
        var cashback = Rule("Cashback", new CashbackEffect(2)) with { Caps = new RuleCaps(TimesPerMember: 1) };

        var evaluation = Evaluate(HundredEuros, new RuleUsage(TimesForMember: 1), cashback);

        Assert.Equal(0m, evaluation.Cashback);
        AssertStopped(evaluation.Of("Cashback"), "limit reached: 1 time(s) per member");
    }

    [Fact]
    public void A_partly_capped_rule_keeps_its_lines_adding_up_to_the_capped_points()
    {
        var basket = Purchase(Line(1, 33.33m, category: "organic"), Line(2, 33.33m, category: "organic"), Line(3, 33.34m, category: "organic"), Line(4, 50m));
        var organic = Rule("Organic x5", new PointsPerAmountEffect(5, MatchingLinesOnly: true)) with
        {
            Conditions = [new ProductCondition(Categories: ["organic"])],
            Caps = new RuleCaps(PerTransaction: 100),
        };

        var evaluation = Evaluate(basket, organic);

        var outcome = evaluation.Of("Organic x5");
        AssertCapped(outcome, 100, "capped at 100 by the cap per transaction of 100");
        Assert.Equal(100, outcome.Lines.Sum(l => l.Points));
        Assert.Equal([1, 2, 3], outcome.Lines.Select(l => l.LineNo));
        Assert.All(outcome.Lines, l => Assert.InRange(l.Points, 33, 34));
        Assert.Equal(100, basket.Lines.Sum(l => evaluation.PointsOfLine(l.LineNo)));
        Assert.Equal(0, evaluation.PointsOfLine(4));
    }

    [Fact]
    public void Caps_count_the_usage_of_their_own_rule_only()
    {
        var campaign = new ActiveRule("rul_campaign", 1, Rule("Campaign", new BonusEffect(100)) with { Caps = new RuleCaps(Budget: 1000) });
        var baseRate = new ActiveRule("rul_base", 1, Rule("Base rate", new PointsPerAmountEffect(1)) with { Caps = new RuleCaps(Budget: 1000) });
        var asked = new List<string>();

        var evaluation = RuleEngine.Evaluate([campaign, baseRate], HundredEuros, id =>
        {
            asked.Add(id);
            return id == "rul_campaign" ? new RuleUsage(BudgetUsed: 1000) : RuleUsage.None;
        });

        Assert.Equal(100, evaluation.Points);
        Assert.Equal("campaign budget of 1000 reached", evaluation.Of("Campaign").Reason);
        Assert.Equal(["rul_base", "rul_campaign"], asked.Order());
    }

    [Fact]
    public void A_cap_on_one_rule_leaves_the_other_rules_uncapped()
    {
        var evaluation = Evaluate(HundredEuros, BaseRate(new RuleCaps(PerTransaction: 10)), Rule("Welcome", new BonusEffect(50)));

        Assert.Equal(60, evaluation.Points);
        Assert.Null(evaluation.Of("Welcome").Reason);
    }

    [Fact]
    public void A_multiplier_has_caps_of_its_own()
    {
        var capped = Rule("Double points", new MultiplierEffect(2)) with { Caps = new RuleCaps(PerTransaction: 25) };

        var evaluation = Evaluate(HundredEuros, Rule("Base rate", new PointsPerAmountEffect(1)), capped);

        Assert.Equal(125, evaluation.Points);
        Assert.Equal("capped at 25 by the cap per transaction of 25", evaluation.Of("Double points").Reason);
    }
}
