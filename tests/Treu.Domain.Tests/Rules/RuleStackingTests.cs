using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>How rules that apply to the same basket combine: they stack, one exclusive rule wins, or the best of a group counts.</summary>
public sealed class RuleStackingTests
{
    private static readonly EarnRequest FortyEuros = Purchase(Line(1, 40m));
    private static readonly RuleDefinition BaseRate = Rule("Base rate", new PointsPerAmountEffect(1));

    private static RuleDefinition Exclusive(string name, int priority, long bonus) =>
        Rule(name, new BonusEffect(bonus)) with { Stacking = Stacking.Exclusive, Priority = priority };

    private static RuleDefinition InGroup(string name, string group, params RuleEffect[] effects) =>
        Rule(name, effects) with { Stacking = Stacking.BestOfGroup, Group = group };

    [Fact]
    public void Stacking_rules_add_up()
    {
        var evaluation = Evaluate(FortyEuros, BaseRate, Rule("Welcome", new BonusEffect(50)), Rule("Cashback", new CashbackEffect(1)));

        Assert.Equal((90, 0.40m), (evaluation.Points, evaluation.Cashback));
        Assert.Equal(3, evaluation.Applied.Count());
    }

    [Fact]
    public void Exclusive_rules_never_combine_and_the_highest_priority_one_wins()
    {
        var evaluation = Evaluate(FortyEuros, BaseRate, Exclusive("Staff day", 10, 500), Exclusive("Grand opening", 5, 1000), Rule("Double points", new MultiplierEffect(2)));

        Assert.Equal(500, evaluation.Points);
        Assert.Equal("Staff day", Assert.Single(evaluation.Applied).Name);
        Assert.All(evaluation.Outcomes.Where(o => o.Name != "Staff day"), o =>
        {
            Assert.False(o.Applied);
            Assert.Equal("rule 'Staff day' is exclusive and applies", o.Reason);
        });
    }

    [Fact]
    public void An_exclusive_rule_whose_conditions_fail_leaves_the_others_alone()
    {
        var appOnly = Exclusive("App exclusive", 10, 500) with { Conditions = [new ChannelCondition(["app"])] };

        var evaluation = Evaluate(FortyEuros, BaseRate, appOnly, Exclusive("Grand opening", 5, 1000));

        Assert.Equal(1000, evaluation.Points);
        Assert.Equal("channel is store, not app", evaluation.Of("App exclusive").Reason);
        Assert.Equal("rule 'Grand opening' is exclusive and applies", evaluation.Of("Base rate").Reason);
    }

    [Fact]
    public void Between_exclusive_rules_of_equal_priority_the_lower_id_wins_whatever_the_order()
    {
        var first = new ActiveRule("rul_a", 1, Exclusive("Spring promotion", 5, 100));
        var second = new ActiveRule("rul_b", 1, Exclusive("Summer promotion", 5, 900));

        Assert.Equal(100, RuleEngine.Evaluate([first, second], FortyEuros).Points);
        Assert.Equal(100, RuleEngine.Evaluate([second, first], FortyEuros).Points);
    }

    [Fact]
    public void Of_a_group_only_the_rule_giving_most_points_counts_and_the_others_name_it()
    {
        var evaluation = Evaluate(FortyEuros with { Channel = "app" },
            BaseRate,
            InGroup("App bonus", "welcome", new BonusEffect(50)),
            InGroup("Double rate for newcomers", "welcome", new PointsPerAmountEffect(2)),
            InGroup("Small welcome", "welcome", new BonusEffect(10)));

        Assert.Equal(40 + 80, evaluation.Points);
        Assert.True(evaluation.Of("Double rate for newcomers").Applied);
        Assert.Equal("rule 'Double rate for newcomers' of group 'welcome' gives more", evaluation.Of("App bonus").Reason);
        Assert.Equal("rule 'Double rate for newcomers' of group 'welcome' gives more", evaluation.Of("Small welcome").Reason);
        Assert.False(evaluation.Of("App bonus").Applied);
        Assert.True(evaluation.Of("Base rate").Applied);
    }

    [Fact]
    public void Each_group_has_its_own_best_rule()
    {
        var evaluation = Evaluate(FortyEuros,
            InGroup("Welcome 50", "welcome", new BonusEffect(50)), InGroup("Welcome 20", "welcome", new BonusEffect(20)),
            InGroup("Season 30", "season", new BonusEffect(30)), InGroup("Season 70", "season", new BonusEffect(70)));

        Assert.Equal(120, evaluation.Points);
        Assert.Equal(["Season 70", "Welcome 50"], evaluation.Applied.Select(o => o.Name).Order());
    }

    [Fact]
    public void A_group_compares_points_after_caps()
    {
        var bigButCapped = InGroup("Triple rate, at most 50", "welcome", new PointsPerAmountEffect(3)) with { Caps = new RuleCaps(PerTransaction: 50) };

        var evaluation = Evaluate(FortyEuros, bigButCapped, InGroup("Double rate", "welcome", new PointsPerAmountEffect(2)));

        Assert.Equal(80, evaluation.Points);
        Assert.Equal("rule 'Double rate' of group 'welcome' gives more", evaluation.Of("Triple rate, at most 50").Reason);
    }

    [Fact]
    public void A_group_member_whose_conditions_fail_does_not_compete()
    {
        var appOnly = InGroup("App bonus", "welcome", new BonusEffect(500)) with { Conditions = [new ChannelCondition(["app"])] };

        var evaluation = Evaluate(FortyEuros, appOnly, InGroup("Store bonus", "welcome", new BonusEffect(20)));

        Assert.Equal(20, evaluation.Points);
        Assert.Equal("channel is store, not app", evaluation.Of("App bonus").Reason);
    }

    [Fact]
    public void A_multiplier_does_not_multiply_the_points_of_a_group_loser()
    {
        var evaluation = Evaluate(FortyEuros,
            InGroup("Welcome 100", "welcome", new BonusEffect(100)), InGroup("Welcome 60", "welcome", new BonusEffect(60)),
            Rule("Double points", new MultiplierEffect(2)));

        Assert.Equal(200, evaluation.Points);
        Assert.Equal(100, evaluation.Of("Double points").Points);
    }

    [Fact]
    public void The_breakdown_lists_rules_by_priority_then_id()
    {
        var rules = new[]
        {
            new ActiveRule("rul_c", 1, Rule("C", new BonusEffect(1))),
            new ActiveRule("rul_b", 1, Rule("B", new BonusEffect(1)) with { Priority = 3 }),
            new ActiveRule("rul_a", 1, Rule("A", new BonusEffect(1)) with { Conditions = [new ChannelCondition(["app"])] }),
            new ActiveRule("rul_d", 1, Rule("D", new MultiplierEffect(2)) with { Priority = -1 }),
        };

        Assert.Equal(["rul_b", "rul_a", "rul_c", "rul_d"], RuleEngine.Evaluate(rules, FortyEuros).Outcomes.Select(o => o.RuleId));
    }

    [Fact]
    public void Rules_give_the_same_result_whatever_order_they_are_stored_in()
    {
        var rules = new[]
        {
            new ActiveRule("rul_1", 1, BaseRate),
            new ActiveRule("rul_2", 1, InGroup("Welcome 50", "welcome", new BonusEffect(50))),
            new ActiveRule("rul_3", 1, InGroup("Welcome 50 too", "welcome", new BonusEffect(50))),
            new ActiveRule("rul_4", 1, Rule("Double points", new MultiplierEffect(2)) with { Priority = 2 }),
            new ActiveRule("rul_5", 1, Exclusive("App only", 9, 999) with { Conditions = [new ChannelCondition(["app"])] }),
        };
        var expected = Describe(RuleEngine.Evaluate(rules, FortyEuros));

        foreach (var order in new[] { new[] { 4, 3, 2, 1, 0 }, [2, 0, 4, 1, 3], [1, 2, 3, 4, 0], [3, 1, 0, 2, 4] })
        {
            Assert.Equal(expected, Describe(RuleEngine.Evaluate(order.Select(i => rules[i]).ToList(), FortyEuros)));
        }

        Assert.Contains("rul_2 True 50", expected, StringComparison.Ordinal);
        Assert.Contains("rul_3 False 0 rule 'Welcome 50' of group 'welcome' gives more", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void An_exclusive_rule_that_gives_something_still_stands_alone()
    {
        var exclusive = Rule("Launch offer", new BonusEffect(100)) with { Stacking = Stacking.Exclusive, Priority = 10 };

        var result = Evaluate(Purchase(Line(1, 30m)), exclusive, BaseRate);

        Assert.Equal(100, result.Points);
        Assert.Contains("exclusive", result.Of("Base rate").Reason);
    }

    [Fact]
    public void An_exclusive_rule_whose_budget_is_spent_no_longer_blocks_the_others()
    {
        var exclusive = Rule("Launch offer", new BonusEffect(100)) with { Stacking = Stacking.Exclusive, Priority = 10, Caps = new RuleCaps(Budget: 100) };

        var result = Evaluate(Purchase(Line(1, 30m)), new RuleUsage(BudgetUsed: 100), exclusive, BaseRate);

        Assert.Equal(30, result.Points);
        Assert.True(result.Of("Base rate").Applied);
        Assert.False(result.Of("Launch offer").Applied);
        Assert.Contains("budget", result.Of("Launch offer").Reason);
    }

    [Fact]
    public void A_rule_book_refuses_the_same_rule_twice()
    {
        Assert.Throws<ArgumentException>(() => RuleBook.Compile([new ActiveRule("r1", 1, BaseRate), new ActiveRule("r1", 2, BaseRate)]));
    }

    private static string Describe(RuleEvaluation evaluation) =>
        $"{evaluation.Points} {evaluation.Cashback}\n" + string.Join("\n", evaluation.Outcomes.Select(o => $"{o.RuleId} {o.Applied} {o.Points} {o.Reason}"));
}
