using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>Rewards for actions that are not purchases: newsletter opt-in, reviews, surveys … sent as member events.</summary>
public sealed class EventRuleTests
{
    private static readonly RuleDefinition OptIn = Rule("Newsletter opt-in", new BonusEffect(200)) with
    {
        Trigger = RuleTrigger.Event,
        EventType = "newsletter_opt_in",
    };

    private static readonly RuleDefinition BaseRate = Rule("Base rate", new PointsPerAmountEffect(1));

    [Fact]
    public void An_event_of_the_rule_type_earns_its_bonus()
    {
        var evaluation = Evaluate(Event("newsletter_opt_in"), OptIn);

        Assert.Equal(200, evaluation.Points);
        var outcome = evaluation.Of("Newsletter opt-in");
        Assert.True(outcome.Applied);
        Assert.Equal(200, outcome.Points);
        Assert.Empty(outcome.Lines);
    }

    [Fact]
    public void An_event_of_another_type_earns_nothing_and_says_which_type_the_rule_wants()
    {
        var evaluation = Evaluate(Event("product_review"), OptIn);

        Assert.Equal(0, evaluation.Points);
        Assert.Equal("applies to 'newsletter_opt_in' events", evaluation.Of("Newsletter opt-in").Reason);
    }

    [Fact]
    public void Purchase_rules_do_not_fire_on_events()
    {
        var evaluation = Evaluate(Event("newsletter_opt_in"), OptIn, BaseRate, Rule("Welcome", new BonusEffect(50)), Rule("Double points", new MultiplierEffect(2)));

        Assert.Equal(200, evaluation.Points);
        Assert.Equal("Newsletter opt-in", Assert.Single(evaluation.Applied).Name);
        Assert.Equal("applies to purchases", evaluation.Of("Welcome").Reason);
        Assert.Equal("applies to purchases", evaluation.Of("Double points").Reason);
    }

    [Fact]
    public void Event_rules_do_not_fire_on_purchases()
    {
        var evaluation = Evaluate(Purchase(Line(1, 40m)), OptIn, BaseRate);

        Assert.Equal(40, evaluation.Points);
        Assert.Equal("applies to 'newsletter_opt_in' events", evaluation.Of("Newsletter opt-in").Reason);
    }

    [Fact]
    public void An_opt_in_rewarded_once_ever_is_not_rewarded_again()
    {
        var once = OptIn with { Caps = new RuleCaps(TimesPerMember: 1) };

        Assert.Equal(200, Evaluate(Event("newsletter_opt_in"), once).Points);
        var again = Evaluate(Event("newsletter_opt_in"), new RuleUsage(TimesForMember: 1), once);
        Assert.Equal(0, again.Points);
        Assert.Equal("limit reached: 1 time(s) per member", again.Of("Newsletter opt-in").Reason);
    }

    [Fact]
    public void Reviews_rewarded_three_times_a_day_stop_at_the_fourth()
    {
        var reviews = Rule("Product review", new BonusEffect(20)) with
        {
            Trigger = RuleTrigger.Event,
            EventType = "product_review",
            Caps = new RuleCaps(TimesPerMemberPerDay: 3),
        };

        Assert.Equal(20, Evaluate(Event("product_review"), new RuleUsage(TimesForMemberToday: 2), reviews).Points);
        Assert.Equal("limit reached: 3 time(s) per member per day",
            Evaluate(Event("product_review"), new RuleUsage(TimesForMemberToday: 3), reviews).Of("Product review").Reason);
    }

    [Fact]
    public void An_event_rule_can_be_limited_to_a_segment()
    {
        var targeted = OptIn with { Conditions = [new SegmentCondition(["newsletter_target"])] };

        Assert.Equal(200, Evaluate(Event("newsletter_opt_in") with { Member = new MemberFacts(Segments: ["newsletter_target"]) }, targeted).Points);
        Assert.Equal("member is in none of the segments newsletter_target", Evaluate(Event("newsletter_opt_in"), targeted).Of("Newsletter opt-in").Reason);
    }

    [Fact]
    public void An_event_bonus_is_cut_to_what_is_left_of_the_budget()
    {
        var budgeted = OptIn with { Caps = new RuleCaps(Budget: 1000) };

        var evaluation = Evaluate(Event("newsletter_opt_in"), new RuleUsage(BudgetUsed: 900), budgeted);

        Assert.Equal(100, evaluation.Points);
        Assert.Equal("capped at 100 by the campaign budget of 1000", evaluation.Of("Newsletter opt-in").Reason);
    }

    [Fact]
    public void Event_types_are_told_apart_by_their_exact_name()
    {
        Assert.Equal(0, Evaluate(Event("Newsletter_Opt_In"), OptIn).Points);
    }

    [Fact]
    public void The_best_of_two_event_rules_in_a_group_counts()
    {
        var standard = OptIn with { Name = "Standard opt-in", Stacking = Stacking.BestOfGroup, Group = "opt_in" };
        var gold = OptIn with
        {
            Name = "Gold opt-in",
            Stacking = Stacking.BestOfGroup,
            Group = "opt_in",
            Effects = [new BonusEffect(500)],
            Conditions = [new TierCondition(["gold"])],
        };

        Assert.Equal(500, Evaluate(Event("newsletter_opt_in") with { Member = new MemberFacts(Tier: "gold") }, standard, gold).Points);
        Assert.Equal(200, Evaluate(Event("newsletter_opt_in") with { Member = new MemberFacts(Tier: "silver") }, standard, gold).Points);
    }
}
