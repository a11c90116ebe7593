using Treu.Domain.Programs;
using Treu.Domain.Rules;
using static Treu.Domain.Tests.Rules.RuleFixtures;

namespace Treu.Domain.Tests.Rules;

/// <summary>What each kind of effect gives, where on the basket its points land, and how it rounds.</summary>
public sealed class RuleEffectTests
{
    private static readonly RuleDefinition BaseRate = Rule("Base rate", new PointsPerAmountEffect(1));
    private static readonly ProductCondition Organic = new(Categories: ["organic"]);

    private static long[] PointsPerLine(RuleEvaluation evaluation, EarnRequest request) =>
        request.Lines.Select(l => evaluation.PointsOfLine(l.LineNo)).ToArray();

    [Theory]
    [InlineData(PointsRounding.Floor, 1, 16)]
    [InlineData(PointsRounding.Nearest, 1, 16)]
    [InlineData(PointsRounding.Ceiling, 1, 17)]
    [InlineData(PointsRounding.Floor, 1.5, 24)]
    [InlineData(PointsRounding.Nearest, 1.5, 25)]
    [InlineData(PointsRounding.Ceiling, 1.5, 25)]
    public void Points_per_euro_on_the_basket_round_as_the_rule_says(PointsRounding rounding, double rate, long points)
    {
        // 16.49 eligible: 16.49 or 24.735 points before rounding.
        var basket = Purchase(Line(1, 10.99m), Line(2, 5.50m));

        var evaluation = Evaluate(basket, Rule("Rate", new PointsPerAmountEffect((decimal)rate, rounding)));

        Assert.Equal(points, evaluation.Points);
        Assert.Equal(points, evaluation.Of("Rate").Points);
    }

    [Fact]
    public void Half_a_point_rounds_up_to_the_nearest_point()
    {
        Assert.Equal(3, Evaluate(Purchase(Line(1, 2.50m)), Rule("Rate", new PointsPerAmountEffect(1, PointsRounding.Nearest))).Points);
    }

    [Fact]
    public void Points_are_rounded_once_per_basket_so_three_items_at_99_cents_earn_two_points()
    {
        var basket = Purchase(Line(1, 0.99m), Line(2, 0.99m), Line(3, 0.99m));

        var evaluation = Evaluate(basket, BaseRate);

        Assert.Equal(2, evaluation.Points);
        Assert.Equal(2, PointsPerLine(evaluation, basket).Sum());
    }

    [Fact]
    public void Points_on_the_basket_are_split_over_the_lines_by_their_eligible_amount()
    {
        var basket = Purchase(Line(1, 30m), Line(2, 70m), Line(3, 0m));

        var evaluation = Evaluate(basket, Rule("Double rate", new PointsPerAmountEffect(2)));

        Assert.Equal([60L, 140L, 0L], PointsPerLine(evaluation, basket));
    }

    [Fact]
    public void Lines_with_nothing_eligible_earn_nothing_and_do_not_reduce_the_others()
    {
        // A line paid entirely with points, and a corrected line with a negative amount.
        var basket = Purchase(Line(1, 0m), Line(2, -5m), Line(3, 25m));

        var evaluation = Evaluate(basket, BaseRate);

        Assert.Equal(25, evaluation.Points);
        Assert.Equal([0L, 0L, 25L], PointsPerLine(evaluation, basket));
    }

    [Fact]
    public void A_category_rate_on_matching_lines_earns_only_on_those_lines()
    {
        var basket = Purchase(Line(1, 10m, category: "organic"), Line(2, 30m, category: "meat"), Line(3, 5.50m, category: "Organic"));
        var organicRate = Rule("Organic", new PointsPerAmountEffect(2, MatchingLinesOnly: true)) with { Conditions = [Organic] };

        var evaluation = Evaluate(basket, organicRate);

        Assert.Equal(31, evaluation.Points);
        Assert.Equal([20L, 0L, 11L], PointsPerLine(evaluation, basket));
        Assert.Equal([new LinePoints(1, 20), new LinePoints(3, 11)], evaluation.Of("Organic").Lines);
    }

    [Fact]
    public void A_product_condition_without_matching_lines_only_lets_the_rate_earn_on_the_whole_basket()
    {
        var basket = Purchase(Line(1, 10m, category: "organic"), Line(2, 30m, category: "meat"));
        var anyOrganic = Rule("Any organic", new PointsPerAmountEffect(1)) with { Conditions = [Organic] };

        var evaluation = Evaluate(basket, anyOrganic);

        Assert.Equal(40, evaluation.Points);
        Assert.Equal([10L, 30L], PointsPerLine(evaluation, basket));
    }

    [Fact]
    public void A_basket_bonus_is_spread_over_the_lines_by_their_amount()
    {
        var basket = Purchase(Line(1, 30m), Line(2, 70m));

        var evaluation = Evaluate(basket, Rule("Welcome", new BonusEffect(50)));

        Assert.Equal(50, evaluation.Points);
        Assert.Equal([15L, 35L], PointsPerLine(evaluation, basket));
    }

    [Fact]
    public void A_bonus_for_buying_a_product_sits_on_the_matching_lines()
    {
        var basket = Purchase(Line(1, 10m, category: "organic"), Line(2, 30m, category: "organic"), Line(3, 60m, category: "meat"));
        var organicBonus = Rule("Organic bonus", new BonusEffect(100)) with { Conditions = [Organic] };

        var evaluation = Evaluate(basket, organicBonus);

        Assert.Equal(100, evaluation.Points);
        Assert.Equal([25L, 75L, 0L], PointsPerLine(evaluation, basket));
        Assert.Equal([new LinePoints(1, 25), new LinePoints(2, 75)], evaluation.Of("Organic bonus").Lines);
    }

    [Fact]
    public void A_bonus_per_matching_item_counts_whole_items_only()
    {
        var basket = Purchase(
            Line(1, 7.50m, sku: "coffee-1", quantity: 3),
            Line(2, 4.00m, category: "organic", quantity: 2.5m),
            Line(3, 9.00m, category: "meat", quantity: 4));
        var perItem = Rule("Per item", new BonusEffect(5, PerMatchingItem: true)) with { Conditions = [new ProductCondition(Skus: ["coffee-1"], Categories: ["organic"])] };

        var evaluation = Evaluate(basket, perItem);

        Assert.Equal(25, evaluation.Points);
        Assert.Equal([15L, 10L, 0L], PointsPerLine(evaluation, basket));
        Assert.Equal([new LinePoints(1, 15), new LinePoints(2, 10)], evaluation.Of("Per item").Lines);
    }

    [Fact]
    public void Less_than_one_matching_item_gives_no_bonus_and_says_so()
    {
        var basket = Purchase(Line(1, 1.20m, category: "organic", quantity: 0.4m));
        var perItem = Rule("Per item", new BonusEffect(5, PerMatchingItem: true)) with { Conditions = [Organic] };

        var outcome = Evaluate(basket, perItem).Of("Per item");

        Assert.False(outcome.Applied);
        Assert.Equal("gives nothing on this basket: the eligible amount is too small", outcome.Reason);
    }

    [Fact]
    public void Cashback_is_money_cut_to_the_cent_and_gives_no_points()
    {
        var evaluation = Evaluate(Purchase(Line(1, 33.33m)), Rule("Cashback", new CashbackEffect(3)));

        var outcome = evaluation.Of("Cashback");
        Assert.True(outcome.Applied);
        Assert.Equal((0, 0.99m), (outcome.Points, outcome.Cashback));
        Assert.Equal((0, 0.99m), (evaluation.Points, evaluation.Cashback));
    }

    [Fact]
    public void Cashback_with_a_product_condition_is_on_the_matching_lines_only()
    {
        var basket = Purchase(Line(1, 12.34m, category: "organic"), Line(2, 100m, category: "meat"));

        var evaluation = Evaluate(basket, Rule("Organic cashback", new CashbackEffect(2)) with { Conditions = [Organic] });

        Assert.Equal(0.24m, evaluation.Cashback);
    }

    [Fact]
    public void The_effects_of_one_rule_add_up()
    {
        var evaluation = Evaluate(Purchase(Line(1, 50m)), Rule("Everything", new PointsPerAmountEffect(1), new BonusEffect(10), new CashbackEffect(1)));

        Assert.Equal((60, 0.50m), (evaluation.Points, evaluation.Cashback));
    }

    [Fact]
    public void A_rule_that_rounds_to_nothing_says_the_amount_is_too_small()
    {
        var outcome = Evaluate(Purchase(Line(1, 0.50m)), BaseRate).Of("Base rate");

        Assert.False(outcome.Applied);
        Assert.Equal(0, outcome.Points);
        Assert.Equal("gives nothing on this basket: the eligible amount is too small", outcome.Reason);
    }

    [Fact]
    public void Double_points_doubles_what_the_other_rules_give_line_by_line()
    {
        var basket = Purchase(Line(1, 30m), Line(2, 70m));

        var evaluation = Evaluate(basket, BaseRate, Rule("Double points", new MultiplierEffect(2)));

        Assert.Equal(200, evaluation.Points);
        Assert.Equal(100, evaluation.Of("Double points").Points);
        Assert.Equal([60L, 140L], PointsPerLine(evaluation, basket));
    }

    [Fact]
    public void Two_multipliers_add_so_double_and_triple_make_four_times_not_six()
    {
        var evaluation = Evaluate(Purchase(Line(1, 100m)), BaseRate, Rule("Double", new MultiplierEffect(2)), Rule("Triple", new MultiplierEffect(3)));

        Assert.Equal(400, evaluation.Points);
        Assert.Equal((100, 200), (evaluation.Of("Double").Points, evaluation.Of("Triple").Points));
    }

    [Fact]
    public void A_multiplier_multiplies_the_points_of_every_other_rule()
    {
        var evaluation = Evaluate(Purchase(Line(1, 20m)), BaseRate, Rule("Welcome", new BonusEffect(30)), Rule("Triple", new MultiplierEffect(3)));

        Assert.Equal(150, evaluation.Points);
        Assert.Equal(100, evaluation.Of("Triple").Points);
    }

    [Fact]
    public void A_multiplier_rounds_its_extra_points_down()
    {
        var evaluation = Evaluate(Purchase(Line(1, 15m)), BaseRate, Rule("One and a half", new MultiplierEffect(1.5m)));

        Assert.Equal(7, evaluation.Of("One and a half").Points);
        Assert.Equal(22, evaluation.Points);
    }

    [Fact]
    public void A_multiplier_with_nothing_to_multiply_gives_nothing_and_says_so()
    {
        var onlyCashback = Rule("Cashback", new CashbackEffect(2));

        var evaluation = Evaluate(Purchase(Line(1, 50m)), onlyCashback, Rule("Double points", new MultiplierEffect(2)));

        var outcome = evaluation.Of("Double points");
        Assert.False(outcome.Applied);
        Assert.Equal("no points from other rules to multiply", outcome.Reason);
        Assert.Equal((0, 1.00m), (evaluation.Points, evaluation.Cashback));
    }

    [Fact]
    public void A_multiplier_multiplies_the_capped_points_not_the_uncapped()
    {
        var capped = BaseRate with { Caps = new RuleCaps(PerTransaction: 50) };

        var evaluation = Evaluate(Purchase(Line(1, 100m)), capped, Rule("Double points", new MultiplierEffect(2)));

        Assert.Equal(50, evaluation.Of("Double points").Points);
        Assert.Equal(100, evaluation.Points);
    }

    [Fact]
    public void A_multiplier_does_not_apply_when_its_own_conditions_fail()
    {
        var appOnly = Rule("Double in the app", new MultiplierEffect(2)) with { Conditions = [new ChannelCondition(["app"])] };

        var evaluation = Evaluate(Purchase(Line(1, 100m)), BaseRate, appOnly);

        Assert.Equal(100, evaluation.Points);
        Assert.Equal("channel is store, not app", evaluation.Of("Double in the app").Reason);
    }

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
    public void A_basket_bonus_on_a_basket_with_nothing_eligible_gives_nothing_and_says_why()
    {
        var bonus = Rule("Thank you bonus", new BonusEffect(50));

        var result = Evaluate(Purchase(Line(1, 0m, "gift_card")), bonus);

        Assert.Equal(0, result.Points);
        Assert.False(result.Of("Thank you bonus").Applied);
        Assert.NotNull(result.Of("Thank you bonus").Reason);
    }
}
