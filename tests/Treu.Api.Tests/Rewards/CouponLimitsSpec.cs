using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>A coupon campaign's limits in money, in channels and in time: each refused with its code, and nothing recorded.</summary>
public abstract class CouponLimitsSpec(TreuApp app) : ApiSpec(app)
{
    private DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    private async Task<string> Start(string code, decimal? budget = null, string[]? channels = null, DateTime? validFrom = null, DateTime? validTo = null)
    {
        var id = (string)(await (await Admin.Post("/v1/admin/coupons", new
        {
            id = Unique("cpn"),
            name = "Ten off",
            kind = "amount_off",
            amount = 10m,
            publicCode = code,
            budget,
            channels,
            validFrom,
            validTo,
        })).Json(HttpStatusCode.Created))["id"]!;
        await (await Admin.Post($"/v1/admin/coupons/{id}/activate", new { })).Json(HttpStatusCode.OK);
        return id;
    }

    private static string PublicCode() => "L" + Guid.NewGuid().ToString("n")[..9].ToUpperInvariant();

    private static object Buying(string member, string code) =>
        new { memberId = member, externalId = Unique("R"), currency = "EUR", lines = new[] { Line("JACKET", 1, 40m) }, vouchers = new[] { code } };

    private async Task<JsonNode> Stats(string campaign) => (await Admin.GetJson($"/v1/admin/coupons/{campaign}"))["stats"]!;

    [Fact]
    public async Task A_budget_gives_what_is_left_of_it_to_the_last_use_and_then_refuses_the_code()
    {
        var code = PublicCode();
        var campaign = await Start(code, budget: 25m);
        var till = await Till();
        var member = await EnrolId();

        var first = await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);
        var second = await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);
        var last = await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);
        var refused = await till.Post("/v1/transactions", Buying(member, code));

        Assert.Equal(["30.00", "30.00", "35.00"], new[] { first, second, last }.Select(p => p["amountToPay"]!.ToJsonString()));
        Assert.Equal(35, last.Long("earned.points"));
        await refused.Problem(HttpStatusCode.UnprocessableEntity, "coupon_exhausted");
        var stats = await Stats(campaign);
        Assert.Equal((3, "25.00", "0.00"), (stats.Long("redemptions"), stats["discountGiven"]!.ToJsonString(), stats["budgetLeft"]!.ToJsonString()));
        Assert.Equal(30 + 30 + 35, await Pending(member));
    }

    [Fact]
    public async Task A_webshop_coupon_is_refused_at_the_till_and_works_in_the_webshop()
    {
        var code = PublicCode();
        await Start(code, channels: ["webshop"]);
        var member = await EnrolId();

        var atTill = await (await (await Till()).Post("/v1/transactions", Buying(member, code))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_wrong_channel");
        var online = await (await (await App.ClientWithScope("ecommerce")).Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);

        Assert.Equal("vouchers[0]", atTill["errors"]!.AsObject().Single().Key);
        Assert.Equal("30.00", online["amountToPay"]!.ToJsonString());
    }

    [Fact]
    public async Task A_coupon_works_only_within_its_validity_window()
    {
        var code = PublicCode();
        await Start(code, validFrom: Now.AddDays(1), validTo: Now.AddDays(3));
        var till = await Till();
        var member = await EnrolId();

        await (await till.Post("/v1/transactions", Buying(member, code))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_not_yet_valid");
        App.Clock.Advance(TimeSpan.FromDays(2));
        await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);
        App.Clock.Advance(TimeSpan.FromDays(2));
        await (await till.Post("/v1/transactions", Buying(member, code))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_expired");
    }
}

public sealed class CouponLimitsOnSqlite(SqliteApp app) : CouponLimitsSpec(app), IClassFixture<SqliteApp>;

public sealed class CouponLimitsOnPostgres(PostgresApp app) : CouponLimitsSpec(app), IClassFixture<PostgresApp>;
