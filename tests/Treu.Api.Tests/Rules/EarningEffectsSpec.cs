using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>Each kind of effect and of stacking, through real purchases, with exact points and where on the basket they land.</summary>
public abstract class EarningEffectsSpec(TreuApp app) : RuledApiSpec(app)
{
    [Fact]
    public async Task Points_per_amount_with_a_product_condition_is_on_the_whole_basket_unless_on_matching_lines_only()
    {
        var basketCategory = Unique("cat");
        var linesCategory = Unique("cat");
        var onBasket = await Activate(Rule("2 per EUR on baskets with organic", [Category(basketCategory)], [Rate(2)]));
        var onLines = await Activate(Rule("3 per EUR on organic", [Category(linesCategory)], [Rate(3, matchingLinesOnly: true)]));
        var member = await EnrolId();
        var till = await Till();

        var basket = await Buy(till, Receipt(member, [Item("A", 1, 10m, basketCategory), Item("B", 1, 15m)]));
        var lines = await Buy(till, Receipt(member, [Item("A", 1, 10m, linesCategory), Item("B", 1, 15m)]));

        Assert.Equal(75, basket.Long("earned.points"));
        Assert.Equal(50, PointsOf(basket, onBasket));
        Assert.Equal(["1:20", "2:30"], LinesOf(basket, onBasket));
        Assert.Equal([30, 45], LinePoints(basket));
        Assert.Equal(55, lines.Long("earned.points"));
        Assert.Equal(30, PointsOf(lines, onLines));
        Assert.Equal(["1:30"], LinesOf(lines, onLines));
        Assert.Equal([40, 15], LinePoints(lines));
        Assert.Equal(130, await Pending(member));
    }

    [Fact]
    public async Task Points_per_amount_rounds_as_the_rule_says()
    {
        var floorCategory = Unique("cat");
        var nearestCategory = Unique("cat");
        var ceilingCategory = Unique("cat");
        var floor = await Activate(Rule("Half a point, floor", [Category(floorCategory)], [Rate(0.5m, matchingLinesOnly: true, rounding: "floor")]));
        var nearest = await Activate(Rule("Half a point, nearest", [Category(nearestCategory)], [Rate(0.5m, matchingLinesOnly: true, rounding: "nearest")]));
        var ceiling = await Activate(Rule("Half a point, ceiling", [Category(ceilingCategory)], [Rate(0.5m, matchingLinesOnly: true, rounding: "ceiling")]));
        var member = await EnrolId();

        var result = await Buy(await Till(), Receipt(member, [
            Item("A", 1, 9.40m, floorCategory), // 4.7
            Item("B", 1, 9.00m, nearestCategory), // 4.5: half rounds up
            Item("C", 1, 8.60m, ceilingCategory), // 4.3
        ]));

        Assert.Equal(4, PointsOf(result, floor));
        Assert.Equal(5, PointsOf(result, nearest));
        Assert.Equal(5, PointsOf(result, ceiling));
        Assert.Equal(27, PointsOf(result, "base_rate"));
        Assert.Equal(41, result.Long("earned.points"));
    }

    [Fact]
    public async Task A_multiplier_without_a_product_condition_multiplies_everything_the_other_rules_gave()
    {
        var store = Unique("store");
        var doubled = await Activate(Rule("Double points in the new store", [Store(store)], [Multiplier(2)]));
        var bonus = await Activate(Rule("Opening bonus", [Store(store)], [Bonus(10)]));
        var member = await EnrolId();

        var result = await Buy(await Till(store), Receipt(member, [Item("A", 1, 30m)]));

        Assert.Equal(30, PointsOf(result, "base_rate"));
        Assert.Equal(10, PointsOf(result, bonus));
        Assert.Equal(40, PointsOf(result, doubled));
        Assert.Empty(LinesOf(result, doubled));
        Assert.Equal(80, result.Long("earned.points"));
    }

    [Fact]
    public async Task A_multiplier_with_a_product_condition_multiplies_the_matching_lines_only()
    {
        var category = Unique("cat");
        var tripled = await Activate(Rule("3x on organic", [Category(category)], [Multiplier(3)]));
        var member = await EnrolId();

        var result = await Buy(await Till(), Receipt(member, [Item("A", 1, 10m, category), Item("B", 1, 20m)]));

        Assert.Equal(20, PointsOf(result, tripled));
        Assert.Equal(["1:20"], LinesOf(result, tripled));
        Assert.Equal([30, 20], LinePoints(result));
        Assert.Equal(50, result.Long("earned.points"));
    }

    [Fact]
    public async Task Two_multipliers_add_up_rather_than_multiply_each_other()
    {
        var category = Unique("cat");
        var doubled = await Activate(Rule("2x", [Category(category)], [Multiplier(2)]));
        var tripled = await Activate(Rule("3x", [Category(category)], [Multiplier(3)]));
        var member = await EnrolId();

        var result = await Buy(await Till(), Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(10, PointsOf(result, doubled));
        Assert.Equal(20, PointsOf(result, tripled));
        Assert.Equal(40, result.Long("earned.points"));
    }

    [Fact]
    public async Task A_bonus_is_per_basket_or_per_matching_item()
    {
        var category = Unique("cat");
        var sku = Unique("SKU");
        var perBasket = await Activate(Rule("50 on organic baskets", [Category(category)], [Bonus(50)]));
        var perItem = await Activate(Rule("5 per pack", [Sku(sku)], [Bonus(5, perMatchingItem: true)]));
        var member = await EnrolId();

        var result = await Buy(await Till(), Receipt(member, [
            Item("A", 3, 2m, category),
            Item(sku, 3, 2m),
            Item(sku, 2.5m, 2m), // by weight: whole items only
        ]));

        Assert.Equal(50, PointsOf(result, perBasket));
        Assert.Equal(["1:50"], LinesOf(result, perBasket));
        Assert.Equal(25, PointsOf(result, perItem));
        Assert.Equal(["2:15", "3:10"], LinesOf(result, perItem));
        Assert.Equal(17, PointsOf(result, "base_rate"));
        Assert.Equal(92, result.Long("earned.points"));
    }

    [Fact]
    public async Task Cashback_is_a_share_of_the_eligible_amount_kept_on_the_purchase()
    {
        var store = Unique("store");
        var category = Unique("cat");
        var onBasket = await Activate(Rule("3% back in the new store", [Store(store)], [new { type = "cashback", percent = 3m }]));
        var onLines = await Activate(Rule("5% back on organic", [Category(category)], [new { type = "cashback", percent = 5m }]));
        var member = await EnrolId();
        var till = await Till(store);

        var result = await Buy(till, Receipt(member, [Item("A", 2, 9.99m, category), Item("B", 1, 10m)]));
        var read = await till.GetJson($"/v1/transactions/{result["id"]}");

        // 3% of 29.98 is 0.8994 and 5% of 19.98 is 0.999: cashback is never rounded up.
        Assert.Equal(0.89m, (decimal)Step(result, onBasket)!["cashback"]!);
        Assert.Equal(0.99m, (decimal)Step(result, onLines)!["cashback"]!);
        Assert.Equal(0, PointsOf(result, onLines));
        Assert.True((bool)Step(result, onLines)!["applied"]!);
        Assert.Equal(1.88m, (decimal)result["cashback"]!);
        Assert.Equal(1.88m, (decimal)read["cashback"]!);
        Assert.Equal(0.99m, (decimal)Step(read, onLines)!["cashback"]!);
        Assert.Equal(29, result.Long("earned.points"));
        Assert.Equal(29, await Pending(member));
    }

    [Fact]
    public async Task Only_the_highest_priority_exclusive_rule_that_applies_counts()
    {
        var category = Unique("cat");
        var sku = Unique("SKU");
        var first = await Activate(Rule("Flat 100 on the promotion pack", [Category(category), Sku(sku)], [Bonus(100)], stacking: "exclusive", priority: 20));
        var second = await Activate(Rule("Flat 300 on organic", [Category(category)], [Bonus(300)], stacking: "exclusive", priority: 10));
        var stacked = await Activate(Rule("50 on organic", [Category(category)], [Bonus(50)]));
        var doubled = await Activate(Rule("2x on organic", [Category(category)], [Multiplier(2)]));
        var member = await EnrolId();
        var till = await Till();

        var pack = await Buy(till, Receipt(member, [Item(sku, 1, 10m, category)]));
        var preview = await Preview(till, Receipt(member, [Item(sku, 1, 10m, category)]));
        var other = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(100, pack.Long("earned.points"));
        Assert.Equal(100, PointsOf(pack, first));
        Assert.Single(pack["breakdown"]!.AsArray());
        foreach (var displaced in new[] { second, stacked, doubled, "base_rate" })
        {
            AssertNotApplied(preview, displaced, "rule 'Flat 100 on the promotion pack' is exclusive and applies");
        }

        Assert.Equal(300, other.Long("earned.points"));
        Assert.Equal(300, PointsOf(other, second));
        Assert.Single(other["breakdown"]!.AsArray());
        Assert.Equal(400, await Pending(member));
    }

    [Fact]
    public async Task Of_a_best_of_group_only_the_rule_giving_most_counts()
    {
        var category = Unique("cat");
        var group = Unique("grp");
        var small = await Activate(Rule("30 on organic", [Category(category)], [Bonus(30)], stacking: "best_of_group", group: group));
        var large = await Activate(Rule("70 on organic baskets from 50 EUR", [Category(category), new { type = "basket", minEligibleAmount = 50m }], [Bonus(70)],
            stacking: "best_of_group", group: group));
        var member = await EnrolId();
        var till = await Till();

        var both = await Buy(till, Receipt(member, [Item("A", 1, 60m, category)]));
        var preview = await Preview(till, Receipt(member, [Item("A", 1, 60m, category)]));
        var onlySmall = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(130, both.Long("earned.points"));
        Assert.Equal(70, PointsOf(both, large));
        Assert.Null(Step(both, small));
        AssertNotApplied(preview, small, $"rule '70 on organic baskets from 50 EUR' of group '{group}' gives more");
        Assert.Equal(40, onlySmall.Long("earned.points"));
        Assert.Equal(30, PointsOf(onlySmall, small));
    }
}

public sealed class EarningEffectsOnSqlite(SqliteApp app) : EarningEffectsSpec(app), IClassFixture<SqliteApp>;

public sealed class EarningEffectsOnPostgres(PostgresApp app) : EarningEffectsSpec(app), IClassFixture<PostgresApp>;
