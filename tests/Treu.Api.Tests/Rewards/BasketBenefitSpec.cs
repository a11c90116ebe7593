using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>What a code takes off a basket: a percentage within its cap, one free item, store credit, and only the lines a coupon names.</summary>
public abstract class BasketBenefitSpec(TreuApp app) : CatalogueSpec(app)
{
    private async Task<JsonNode> Buy(string? member, string code, params object[] lines) =>
        await (await (await Till()).Post("/v1/transactions", new { memberId = member, externalId = Unique("R"), currency = "EUR", lines, vouchers = new[] { code } }))
            .Json(HttpStatusCode.Created);

    private async Task<JsonNode> Validate(string? member, string code, params object[] lines) =>
        await (await (await Till()).Post("/v1/vouchers/validate", new { code, memberId = member, currency = "EUR", lines })).Json(HttpStatusCode.OK);

    private static string[] LineDiscounts(JsonNode answer) =>
        answer["lines"]!.AsArray().Select(l => $"{l!.Long("lineNo")}:{l!["discount"]!.ToJsonString()}").ToArray();

    private async Task<string> Coupon(object campaign)
    {
        var id = (string)(await (await Admin.Post("/v1/admin/coupons", campaign)).Json(HttpStatusCode.Created))["id"]!;
        await (await Admin.Post($"/v1/admin/coupons/{id}/activate", new { })).Json(HttpStatusCode.OK);
        return id;
    }

    private static string PublicCode() => "B" + Guid.NewGuid().ToString("n")[..9].ToUpperInvariant();

    [Fact]
    public async Task A_percentage_voucher_takes_its_share_off_but_never_more_than_its_cap()
    {
        var reward = await Offer(new { id = Unique("pct"), type = "percent_discount", pointsCost = 100, percent = 10m, maxDiscount = 5m, name = new { en = "10 % off" } });
        var (member, small) = await VoucherOf(reward, 100);
        await Credit(member, 100);
        var large = (string)(await Redeem(member, reward))["voucher"]!["code"]!;

        var onThirty = await Buy(member, small, Line("SHIRT", 1, 30m));
        var onEighty = await Buy(member, large, Line("COAT", 1, 80m));

        Assert.Equal(("3.00", "27.00"), (onThirty["vouchers"]![0]!["discount"]!.ToJsonString(), onThirty["amountToPay"]!.ToJsonString()));
        Assert.Equal(("5.00", "75.00"), (onEighty["vouchers"]![0]!["discount"]!.ToJsonString(), onEighty["amountToPay"]!.ToJsonString()));
        Assert.Equal(75, onEighty.Long("earned.points"));
    }

    [Fact]
    public async Task A_free_product_voucher_takes_one_item_of_its_sku_off_and_is_refused_on_a_basket_without_it()
    {
        var reward = await Offer(new { id = Unique("coffee"), type = "free_product", pointsCost = 250, sku = "COFFEE", name = new { en = "Free coffee" } });
        var (member, code) = await VoucherOf(reward, 250);
        var till = await Till();

        await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("R"),
            currency = "EUR",
            lines = new[] { Line("TEA", 1, 2.80m) },
            vouchers = new[] { code },
        })).Problem(HttpStatusCode.UnprocessableEntity, "voucher_no_matching_items");
        var purchase = await Buy(member, code, Line("CAKE", 1, 3.90m), Line("COFFEE", 3, 3.20m));

        Assert.Equal("3.20", purchase["vouchers"]![0]!["discount"]!.ToJsonString());
        Assert.Equal(["2:3.20"], LineDiscounts(purchase["vouchers"]![0]!));
        Assert.Equal("10.30", purchase["amountToPay"]!.ToJsonString());
    }

    [Fact]
    public async Task A_free_product_voucher_for_a_category_gives_the_cheapest_item_of_it()
    {
        var reward = await Offer(new { id = Unique("pastry"), type = "free_product", pointsCost = 250, category = "pastry", name = new { en = "Free pastry" } });
        var (member, code) = await VoucherOf(reward, 250);

        var answer = await Validate(member, code, Line("CROISSANT", 2, 2.40m, "pastry"), Line("BREZEL", 1, 1.60m, "pastry"), Line("MILK", 1, 1.10m, "dairy"));

        Assert.Equal("1.60", answer["discount"]!.ToJsonString());
        Assert.Equal(["2:1.60"], LineDiscounts(answer));
    }

    [Fact]
    public async Task A_gift_card_pays_up_to_its_value_and_never_more_than_the_basket()
    {
        var reward = await Offer(new { id = Unique("gift"), type = "gift_card", pointsCost = 2000, amount = 20m, name = new { en = "€20 gift card" } });
        var (member, code) = await VoucherOf(reward, 2000);

        var onFifteen = await Validate(member, code, Line("BOOK", 1, 15m));
        var onFifty = await Buy(member, code, Line("LAMP", 1, 50m));

        Assert.Equal(("15.00", "0.00"), (onFifteen["discount"]!.ToJsonString(), onFifteen["amountToPay"]!.ToJsonString()));
        Assert.Equal(("20.00", "30.00"), (onFifty["vouchers"]![0]!["discount"]!.ToJsonString(), onFifty["amountToPay"]!.ToJsonString()));
        Assert.Equal(30, onFifty.Long("earned.points"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_coupon_for_a_category_takes_its_percentage_off_those_lines_only()
    {
        var code = PublicCode();
        await Coupon(new { id = Unique("cpn"), name = "Shoes 20 %", kind = "percent_off", percent = 20m, categories = new[] { "shoes" }, publicCode = code });
        var member = await EnrolId();

        var purchase = await Buy(member, code, Line("SOCKS", 2, 5m, "hosiery"), Line("SNEAKER", 1, 60m, "shoes"));

        Assert.Equal("12.00", purchase["vouchers"]![0]!["discount"]!.ToJsonString());
        Assert.Equal(["2:12.00"], LineDiscounts(purchase["vouchers"]![0]!));
        Assert.Equal("58.00", purchase["amountToPay"]!.ToJsonString());
    }

    [Fact]
    public async Task A_coupon_for_a_sku_is_refused_on_a_basket_without_it_and_comes_off_that_line_when_it_is_there()
    {
        var code = PublicCode();
        await Coupon(new { id = Unique("cpn"), name = "Five off the kettle", kind = "amount_off", amount = 5m, skus = new[] { "KETTLE" }, publicCode = code });
        var member = await EnrolId();

        await (await (await Till()).Post("/v1/vouchers/validate", new { code, memberId = member, currency = "EUR", lines = new[] { Line("TOASTER", 1, 30m) } }))
            .Problem(HttpStatusCode.UnprocessableEntity, "voucher_no_matching_items");
        var answer = await Validate(member, code, Line("TOASTER", 1, 30m), Line("KETTLE", 1, 25m));

        Assert.Equal("5.00", answer["discount"]!.ToJsonString());
        Assert.Equal(["2:5.00"], LineDiscounts(answer));
    }
}

public sealed class BasketBenefitOnSqlite(SqliteApp app) : BasketBenefitSpec(app), IClassFixture<SqliteApp>;

public sealed class BasketBenefitOnPostgres(PostgresApp app) : BasketBenefitSpec(app), IClassFixture<PostgresApp>;
