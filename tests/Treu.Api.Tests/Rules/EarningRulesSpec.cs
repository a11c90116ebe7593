using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>Why a basket earned what it did: the preview's explanations, the versions kept on the purchase and the ledger, and returns.</summary>
public abstract class EarningRulesSpec(TreuApp app) : RuledApiSpec(app)
{
    [Fact]
    public async Task A_preview_names_the_one_condition_that_failed_and_changes_nothing()
    {
        var category = Unique("cat");
        var appOnly = await Activate(Rule("App bonus on big organic baskets",
            [Category(category), new { type = "channel", @in = new[] { "app" } }, new { type = "basket", minEligibleAmount = 100m }], [Bonus(50)]));
        var budgeted = await Activate(Rule("40 on organic while the budget lasts", [Category(category)], [Bonus(40)], caps: new { budget = 100 }));
        var member = await EnrolId();
        var till = await Till();

        var preview = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));

        // The basket is too small as well, but the channel is checked first: one reason, not a list.
        AssertNotApplied(preview, appOnly, "channel is store, not app");
        var applied = Step(preview, budgeted)!;
        Assert.True((bool)applied["applied"]!);
        Assert.Equal(40, applied.Long("points"));
        Assert.Null((string?)applied["notAppliedBecause"]);
        Assert.True((bool)Step(preview, "base_rate")!["applied"]!);
        Assert.Equal(10, PointsOf(preview, "base_rate"));
        Assert.Equal(50, preview.Long("earned.points"));
        Assert.Equal([50], LinePoints(preview));
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
        Assert.Equal(0, (await Admin.GetJson($"/v1/admin/rules/{budgeted}")).Long("budget.used"));
    }

    [Fact]
    public async Task A_purchase_keeps_the_rules_and_versions_that_computed_it_on_its_breakdown_and_its_ledger_entry()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("2x on organic", [Category(category)], [Multiplier(2)]));
        var changed = await SaveVersion(rule, Rule("3x on organic", [Category(category)], [Multiplier(3)]));
        var member = await EnrolId();
        var till = await Till();

        var result = await Buy(till, Receipt(member, [Item("A", 1, 10m, category), Item("B", 1, 5m)]));
        var read = await till.GetJson($"/v1/transactions/{result["id"]}");
        var entry = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]![0]!;

        Assert.Equal(2, changed.Long("version"));
        Assert.Equal(35, result.Long("earned.points"));
        foreach (var answer in new[] { result, read })
        {
            var step = Step(answer, rule)!;
            Assert.Equal(2, step.Long("version"));
            Assert.Equal("3x on organic", (string?)step["name"]);
            Assert.Equal(20, step.Long("points"));
            Assert.Equal(["1:20"], LinesOf(answer, rule));
            Assert.Equal(1, Step(answer, "base_rate")!.Long("version"));
            Assert.Equal(15, PointsOf(answer, "base_rate"));
            Assert.Empty(LinesOf(answer, "base_rate"));
            Assert.Equal([30, 5], LinePoints(answer));
        }

        Assert.Equal("earn", (string?)entry["kind"]);
        Assert.Equal(35, entry.Long("points"));
        Assert.Equal((string?)result["id"], (string?)entry["cause"]!["id"]);
        Assert.Equal([$"{rule}@2", "base_rate@1"], entry["rules"]!.AsArray().Select(r => $"{r!["rule"]}@{r["version"]}"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Returning_a_line_that_earned_a_product_multiplier_reverses_exactly_that_lines_points()
    {
        var category = Unique("cat");
        var sku = Unique("SKU");
        var rule = await Activate(Rule("3x on organic", [Category(category)], [Multiplier(3)]));
        var member = await EnrolId();
        var till = await Till();
        var result = await Buy(till, Receipt(member, [Item(sku, 2, 10m, category), Item("B", 1, 30m)]));

        var oneUnit = await (await till.Post($"/v1/transactions/{result["id"]}/returns", new { lines = new[] { new { sku, quantity = 1m } } }))
            .Json(HttpStatusCode.Created);
        var otherLine = await (await till.Post($"/v1/transactions/{result["id"]}/returns", new { lines = new[] { new { sku = "B", quantity = 1m } } }))
            .Json(HttpStatusCode.Created);

        // Base 50 split 20/30 over the lines, the multiplier's 40 all on the organic line: 60 and 30.
        Assert.Equal(40, PointsOf(result, rule));
        Assert.Equal([60, 30], LinePoints(result));
        Assert.Equal(90, result.Long("earned.points"));
        Assert.Equal(30, oneUnit.Long("pointsReversed"));
        Assert.Equal(30, otherLine.Long("pointsReversed"));
        Assert.Equal(30, await Pending(member));
        await AssertLedgerVerifies();
    }
}

public sealed class EarningRulesOnSqlite(SqliteApp app) : EarningRulesSpec(app), IClassFixture<SqliteApp>;

public sealed class EarningRulesOnPostgres(PostgresApp app) : EarningRulesSpec(app), IClassFixture<PostgresApp>;
