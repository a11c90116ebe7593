using System.Globalization;
using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>Behaviour that was wrong in the first engine and must stay right.</summary>
public sealed class RuleFixesTests
{
    private static readonly RuleDefinition BaseRate = Rule("Base rate", new PointsPerAmountEffect(1m));

    [Fact]
    public void A_category_multiplier_multiplies_only_the_points_of_the_matching_lines()
    {
        var organic = Rule("5x organic", new MultiplierEffect(5)) with { Conditions = [new ProductCondition(Categories: ["organic"])] };

        var result = Evaluate(Purchase(Line(1, 10m, "organic"), Line(2, 90m, "meat")), BaseRate, organic);

        Assert.Equal(140, result.Points);
        Assert.Equal(40, result.Of("5x organic").Points);
        Assert.Equal(40, result.Of("5x organic").LinePoints(1));
        Assert.Equal(50, result.PointsOfLine(1));
        Assert.Equal(90, result.PointsOfLine(2));
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
    public void An_exclusive_rule_that_gives_something_still_stands_alone()
    {
        var exclusive = Rule("Launch offer", new BonusEffect(100)) with { Stacking = Stacking.Exclusive, Priority = 10 };

        var result = Evaluate(Purchase(Line(1, 30m)), exclusive, BaseRate);

        Assert.Equal(100, result.Points);
        Assert.Contains("exclusive", result.Of("Base rate").Reason);
    }

    [Fact]
    public void An_exclusive_multiplier_is_refused_on_save()
    {
        var problems = RuleValidation.Validate(Rule("Double", new MultiplierEffect(2)) with { Stacking = Stacking.Exclusive });

        Assert.Contains(problems, p => p.Path == "stacking");
    }

    [Fact]
    public void A_basket_bonus_on_a_basket_with_nothing_eligible_gives_nothing_and_says_why()
    {
        var bonus = Rule("Thank you bonus", new BonusEffect(50));

        var result = Evaluate(Purchase(Line(1, 0m, "gift_card")), bonus);

        Assert.Equal(0, result.Points);
        Assert.False(result.Of("Thank you bonus").Applied);
        Assert.NotNull(result.Of("Thank you bonus").Reason);
    }

    [Fact]
    public void A_rule_book_refuses_the_same_rule_twice()
    {
        Assert.Throws<ArgumentException>(() => RuleBook.Compile([new ActiveRule("r1", 1, BaseRate), new ActiveRule("r1", 2, BaseRate)]));
    }

    [Fact]
    public void Reasons_read_the_same_whatever_the_server_s_language()
    {
        var minimum = Rule("Big basket", new BonusEffect(50)) with { Conditions = [new BasketCondition(MinEligibleAmount: 20m)] };
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var result = Evaluate(Purchase(Line(1, 19.99m)), minimum);

            Assert.Contains("19.99", result.Of("Big basket").Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void A_weekday_reason_names_the_days_the_rule_runs_on()
    {
        var weekdays = Rule("Weekday bonus", new BonusEffect(10)) with { Conditions = [new TimeCondition(Weekdays: ["mon", "tue"])] };

        var result = Evaluate(Purchase(Line(1, 10m)), weekdays);

        Assert.Equal("sat is not among mon, tue", result.Of("Weekday bonus").Reason);
    }
}
