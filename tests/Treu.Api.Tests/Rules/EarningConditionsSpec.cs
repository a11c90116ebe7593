using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>Each kind of condition, through real purchases: the rule gives when it holds, and a preview says why when it does not.</summary>
public abstract class EarningConditionsSpec(TreuApp app) : RuledApiSpec(app)
{
    [Fact]
    public async Task A_channel_rule_gives_on_the_webshop_and_not_at_the_till()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("Webshop bonus", [Category(category), new { type = "channel", @in = new[] { "webshop" } }], [Bonus(30)]));
        var member = await EnrolId();
        var till = await Till();
        var webshop = await App.ClientWithScope("ecommerce");

        var atTill = await Buy(till, Receipt(member, [Item("A", 1, 20m, category)]));
        var online = await Buy(webshop, Receipt(member, [Item("A", 1, 20m, category)]));
        var preview = await Preview(till, Receipt(member, [Item("A", 1, 20m, category)]));

        Assert.Equal(20, atTill.Long("earned.points"));
        Assert.Null(Step(atTill, rule));
        Assert.Equal(50, online.Long("earned.points"));
        Assert.Equal(30, PointsOf(online, rule));
        AssertNotApplied(preview, rule, "channel is store, not webshop");
        Assert.Equal(70, await Pending(member));
    }

    [Fact]
    public async Task A_store_rule_gives_in_its_store_only()
    {
        var store = Unique("store");
        var rule = await Activate(Rule("Opening week", [Store(store)], [Bonus(25)]));
        var member = await EnrolId();
        var inStore = await Till(store);
        var elsewhere = Unique("store");
        var otherTill = await Till(elsewhere);

        var there = await Buy(inStore, Receipt(member, [Item("A", 1, 10m)]));
        var notThere = await Buy(otherTill, Receipt(member, [Item("A", 1, 10m)]));
        var preview = await Preview(otherTill, Receipt(member, [Item("A", 1, 10m)]));

        Assert.Equal(35, there.Long("earned.points"));
        Assert.Equal(25, PointsOf(there, rule));
        Assert.Equal(10, notThere.Long("earned.points"));
        AssertNotApplied(preview, rule, $"store {elsewhere} is not among {store}");
    }

    [Fact]
    public async Task A_time_rule_reads_the_local_time_in_Berlin_with_its_window_end_excluded()
    {
        var store = Unique("store");
        var rule = await Activate(Rule("Weekend mornings",
            [Store(store), new { type = "time", weekdays = new[] { "sat", "sun" }, from = "08:00:00", to = "12:00:00" }], [Bonus(40)]));
        var member = await EnrolId();
        var till = await Till(store);
        var saturday = LastBefore(LocalToday(), DayOfWeek.Saturday);

        // 08:30 in Berlin is 07:30 UTC in winter: outside the window in UTC, inside it where the store is.
        var morning = await Buy(till, Receipt(member, [Item("A", 1, 10m)], InBerlin(saturday, 8, 30)));
        var noon = await Preview(till, Receipt(member, [Item("A", 1, 10m)], InBerlin(saturday, 12, 0)));
        var beforeNoon = await Preview(till, Receipt(member, [Item("A", 1, 10m)], InBerlin(saturday, 11, 59)));
        var monday = await Preview(till, Receipt(member, [Item("A", 1, 10m)], InBerlin(saturday.AddDays(-5), 9, 30)));

        Assert.Equal(50, morning.Long("earned.points"));
        Assert.Equal(40, PointsOf(morning, rule));
        AssertNotApplied(noon, rule, "12:00 is outside 08:00–12:00");
        Assert.Equal(50, beforeNoon.Long("earned.points"));
        AssertNotApplied(monday, rule, "mon is not among sat, sun");
    }

    [Fact]
    public async Task A_tier_rule_never_applies_while_members_have_no_tier_and_the_preview_says_why()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("Gold bonus", [Category(category), new { type = "tier", @in = new[] { "gold" } }], [Bonus(100)]));
        var member = await EnrolId();
        var till = await Till();

        var bought = await Buy(till, Receipt(member, [Item("A", 1, 30m, category)]));
        var preview = await Preview(till, Receipt(member, [Item("A", 1, 30m, category)]));

        Assert.Equal(30, bought.Long("earned.points"));
        Assert.Null(Step(bought, rule));
        AssertNotApplied(preview, rule, "tier is (none), not gold");
    }

    [Fact]
    public async Task A_segment_rule_gives_once_an_admin_has_tagged_the_member()
    {
        var tag = Unique("vip");
        var rule = await Activate(Rule("VIP bonus", [new { type = "segment", any = new[] { tag, "staff-never-used" } }], [Bonus(50)]));
        var member = await EnrolId();
        var till = await Till();

        var untagged = await Preview(till, Receipt(member, [Item("A", 1, 10m)]));
        var changed = await ChangeMember(member, new { tags = new[] { tag.ToUpperInvariant() } });
        var tagged = await Buy(till, Receipt(member, [Item("A", 1, 10m)]));

        AssertNotApplied(untagged, rule, $"member is in none of the segments staff-never-used, {tag}");
        Assert.Equal(tag, (string?)changed["tags"]![0]);
        Assert.Equal(60, tagged.Long("earned.points"));
        Assert.Equal(50, PointsOf(tagged, rule));
    }

    [Fact]
    public async Task Only_an_admin_key_may_set_tags_and_attributes()
    {
        var member = await EnrolId();
        var till = await Till();

        var tags = await till.Patch($"/v1/members/{member}", new { tags = new[] { "vip" } });
        var attributes = await till.Patch($"/v1/members/{member}", new { attributes = new Dictionary<string, string> { ["favourite_store"] = "x" } });

        await tags.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await attributes.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        var read = await Admin.GetJson($"/v1/members/{member}");
        Assert.Empty(read["tags"]!.AsArray());
        Assert.Empty(read["attributes"]!.AsObject());
    }

    [Fact]
    public async Task An_attribute_rule_gives_while_the_attribute_has_its_value()
    {
        var store = Unique("store");
        var rule = await Activate(Rule("Favourite store bonus", [new { type = "attribute", name = "favourite_store", equalTo = store }], [Bonus(20)]));
        var member = await EnrolId();
        var till = await Till();

        var before = await Preview(till, Receipt(member, [Item("A", 1, 10m)]));
        await ChangeMember(member, new { attributes = new Dictionary<string, string> { ["favourite_store"] = store } });
        var set = await Buy(till, Receipt(member, [Item("A", 1, 10m)]));
        await ChangeMember(member, new { attributes = new Dictionary<string, string> { ["favourite_store"] = "somewhere-else" } });
        var changed = await Buy(till, Receipt(member, [Item("A", 1, 10m)]));
        await ChangeMember(member, new { attributes = new Dictionary<string, string> { ["favourite_store"] = "" } });
        var removed = await Preview(till, Receipt(member, [Item("A", 1, 10m)]));

        AssertNotApplied(before, rule, $"attribute favourite_store is not '{store}'");
        Assert.Equal(30, set.Long("earned.points"));
        Assert.Equal(20, PointsOf(set, rule));
        Assert.Equal(10, changed.Long("earned.points"));
        AssertNotApplied(removed, rule, $"attribute favourite_store is not '{store}'");
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}"))["attributes"]!.AsObject());
    }

    [Fact]
    public async Task A_birthday_rule_gives_within_its_days_of_the_birthday_set_on_enrolment_or_later()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("Birthday week", [Category(category), new { type = "birthday", withinDays = 3 }], [Bonus(100)]));
        var today = LocalToday();
        var soon = today.AddDays(2);
        var inTenDays = today.AddDays(10);
        var birthdaySoon = await EnrolBornOn(new DateOnly(soon.Year - 30, soon.Month, soon.Day));
        var birthdayLater = await EnrolBornOn(new DateOnly(inTenDays.Year - 40, inTenDays.Month, inTenDays.Day));
        var noBirthDate = await EnrolId();
        var till = await Till();

        var celebrating = await Buy(till, Receipt(birthdaySoon, [Item("A", 1, 10m, category)]));
        var notYet = await Preview(till, Receipt(birthdayLater, [Item("A", 1, 10m, category)]));
        var unknown = await Preview(till, Receipt(noBirthDate, [Item("A", 1, 10m, category)]));
        await ChangeMember(noBirthDate, new { birthDate = new DateOnly(today.Year - 25, today.Month, today.Day) });
        var toldUs = await Buy(till, Receipt(noBirthDate, [Item("A", 1, 10m, category)]));

        Assert.Equal(110, celebrating.Long("earned.points"));
        Assert.Equal(100, PointsOf(celebrating, rule));
        AssertNotApplied(notYet, rule, "birthday is 10 days away, more than 3");
        AssertNotApplied(unknown, rule, "no birth date on record");
        Assert.Equal(100, PointsOf(toldUs, rule));
    }

    [Fact]
    public async Task A_first_purchase_rule_gives_on_the_first_purchase_only()
    {
        var store = Unique("store");
        var rule = await Activate(Rule("Welcome bonus", [Store(store), new { type = "first_purchase" }], [Bonus(50)]));
        var member = await EnrolId();
        var till = await Till(store);

        var welcome = await Preview(till, Receipt(member, [Item("A", 1, 10m)]));
        var first = await Buy(till, Receipt(member, [Item("A", 1, 10m)]));
        var second = await Buy(till, Receipt(member, [Item("A", 1, 10m)]));
        var third = await Preview(till, Receipt(member, [Item("A", 1, 10m)]));

        Assert.Equal(50, PointsOf(welcome, rule));
        Assert.Equal(60, first.Long("earned.points"));
        Assert.Equal(50, PointsOf(first, rule));
        Assert.Equal(10, second.Long("earned.points"));
        AssertNotApplied(third, rule, "not the member's first purchase");
    }

    [Fact]
    public async Task A_basket_rule_counts_the_eligible_amount_after_discounts_and_the_items()
    {
        var amountCategory = Unique("cat");
        var itemsCategory = Unique("cat");
        var fromFifty = await Activate(Rule("From 50 EUR", [Category(amountCategory), new { type = "basket", minEligibleAmount = 50m }], [Bonus(30)]));
        var fromThree = await Activate(Rule("From 3 items", [Category(itemsCategory), new { type = "basket", minItems = 3m }], [Bonus(15)]));
        var member = await EnrolId();
        var till = await Till();

        // 60.00 less a discount of 10.01: 49.99 is what the member pays, and below the minimum.
        var discounted = await Preview(till, Receipt(member, [Item("A", 1, 60m, amountCategory, discount: 10.01m)]));
        var enough = await Buy(till, Receipt(member, [Item("A", 1, 60m, amountCategory, discount: 10m)]));
        var twoItems = await Preview(till, Receipt(member, [Item("B", 2, 5m, itemsCategory)]));
        var threeItems = await Buy(till, Receipt(member, [Item("B", 2, 5m, itemsCategory), Item("C", 1, 5m)]));

        AssertNotApplied(discounted, fromFifty, "eligible amount 49.99 is below 50.00");
        Assert.Equal(49, discounted.Long("earned.points"));
        Assert.Equal(80, enough.Long("earned.points"));
        Assert.Equal(30, PointsOf(enough, fromFifty));
        AssertNotApplied(twoItems, fromThree, "2 items, fewer than 3");
        Assert.Equal(30, threeItems.Long("earned.points"));
        Assert.Equal(15, PointsOf(threeItems, fromThree));
    }

    [Fact]
    public async Task Product_rules_match_skus_categories_and_brands_and_several_product_conditions_must_all_hold()
    {
        var sku = Unique("SKU");
        var category = Unique("cat");
        var brand = Unique("Brand");
        var onSku = await Activate(Rule("On the sku", [Sku(sku)], [Bonus(11)]));
        var onBrand = await Activate(Rule("On the brand", [Brand(brand)], [Bonus(12)]));
        var onBoth = await Activate(Rule("On the brand in the category", [Category(category), Brand(brand)], [Bonus(13)]));
        var member = await EnrolId();
        var till = await Till();

        var skuOnly = await Buy(till, Receipt(member, [Item(sku, 1, 10m)]));
        // Brands match whatever their case; categories are kept in lower case.
        var brandOnly = await Buy(till, Receipt(member, [Item("A", 1, 10m, brand: brand.ToUpperInvariant())]));
        var brandInCategory = await Buy(till, Receipt(member, [Item("B", 1, 10m, category.ToUpperInvariant(), brand)]));
        var neither = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(21, skuOnly.Long("earned.points"));
        Assert.Equal(["1:11"], LinesOf(skuOnly, onSku));
        Assert.Equal(22, brandOnly.Long("earned.points"));
        Assert.Null(Step(brandOnly, onBoth));
        Assert.Equal(35, brandInCategory.Long("earned.points"));
        Assert.Equal(12, PointsOf(brandInCategory, onBrand));
        Assert.Equal(13, PointsOf(brandInCategory, onBoth));
        AssertNotApplied(neither, onBoth, "no eligible line matches the product condition");
        AssertNotApplied(neither, onSku, "no eligible line matches the product condition");
    }

    [Fact]
    public async Task A_product_rule_ignores_a_line_that_earns_nothing()
    {
        var sku = Unique("SKU");
        var rule = await Activate(Rule("On the sku", [Sku(sku)], [Bonus(50)]));
        var member = await EnrolId();
        var till = await Till();

        var giftCard = await Preview(till, Receipt(member, [Item(sku, 1, 25m, "gift_card"), Item("A", 1, 10m)]));

        AssertNotApplied(giftCard, rule, "no eligible line matches the product condition");
        Assert.Equal(10, giftCard.Long("earned.points"));
    }

    [Fact]
    public async Task A_payment_rule_gives_when_the_basket_names_the_method()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("Card bonus", [Category(category), new { type = "payment", methods = new[] { "card" } }], [Bonus(20)]));
        var member = await EnrolId();
        var till = await Till();

        var cash = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)], paymentMethods: ["cash"]));
        var unsaid = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var card = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], paymentMethods: ["cash", " Card "]));

        AssertNotApplied(cash, rule, "paid by cash, not card");
        AssertNotApplied(unsaid, rule, "paid by (not given), not card");
        Assert.Equal(30, card.Long("earned.points"));
        Assert.Equal(20, PointsOf(card, rule));
    }
}

public sealed class EarningConditionsOnSqlite(SqliteApp app) : EarningConditionsSpec(app), IClassFixture<SqliteApp>;

public sealed class EarningConditionsOnPostgres(PostgresApp app) : EarningConditionsSpec(app), IClassFixture<PostgresApp>;
