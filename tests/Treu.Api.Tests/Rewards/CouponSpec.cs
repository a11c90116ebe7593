using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>Coupon campaigns: codes that need no points, with the constraints a loyalty manager sets, enforced under concurrency.</summary>
public abstract class CouponSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>Creates a campaign (ten euros off unless told otherwise) and starts it; returns its id.</summary>
    private async Task<string> Start(string? publicCode = null, long? maxRedemptions = null, bool oncePerMember = false, bool firstPurchaseOnly = false,
        bool membersOnly = false, string[]? stores = null, decimal? minBasket = null)
    {
        var created = await (await Admin.Post("/v1/admin/coupons", new
        {
            id = Unique("cpn"),
            name = "Ten off",
            kind = "amount_off",
            amount = 10m,
            publicCode,
            maxRedemptions,
            oncePerMember,
            firstPurchaseOnly,
            membersOnly,
            stores,
            minBasket,
        })).Json(HttpStatusCode.Created);
        Assert.Equal("draft", (string?)created["status"]);
        var id = (string)created["id"]!;
        await (await Admin.Post($"/v1/admin/coupons/{id}/activate", new { })).Json(HttpStatusCode.OK);
        return id;
    }

    private static string PublicCode() => "W" + Guid.NewGuid().ToString("n")[..9].ToUpperInvariant();

    private static object Buying(string member, string code, decimal price = 40m, string? receipt = null) =>
        new { memberId = member, externalId = receipt ?? $"R-{Guid.NewGuid():n}", currency = "EUR", lines = new[] { Line("JACKET", 1, price) }, vouchers = new[] { code } };

    private async Task<JsonNode> Stats(string campaign) => (await Admin.GetJson($"/v1/admin/coupons/{campaign}"))["stats"]!;

    [Fact]
    public async Task A_public_code_takes_its_discount_off_and_the_points_are_earned_on_the_rest()
    {
        var code = PublicCode();
        var campaign = await Start(publicCode: code);
        var member = await EnrolId();

        var purchase = await (await (await Till()).Post("/v1/transactions", Buying(member, code.ToLowerInvariant()))).Json(HttpStatusCode.Created);

        Assert.Equal("30.00", purchase["amountToPay"]!.ToJsonString());
        Assert.Equal(30, purchase.Long("earned.points"));
        Assert.Equal("coupon", (string?)purchase["vouchers"]![0]!["source"]);
        var stats = await Stats(campaign);
        Assert.Equal(1, stats.Long("redemptions"));
        Assert.Equal("10.00", stats["discountGiven"]!.ToJsonString());
    }

    [Fact]
    public async Task A_once_per_member_code_is_refused_the_second_time_and_the_purchase_is_not_recorded()
    {
        var code = PublicCode();
        await Start(publicCode: code, oncePerMember: true);
        var member = await EnrolId();
        var till = await Till();
        await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);

        await (await till.Post("/v1/transactions", Buying(member, code))).Problem(HttpStatusCode.UnprocessableEntity, "coupon_once_per_member");

        Assert.Equal(30, await Pending(member));
        await (await till.Post("/v1/transactions", Buying(await EnrolId(), code))).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_first_purchase_coupon_is_refused_to_a_member_who_has_bought_before()
    {
        var code = PublicCode();
        await Start(publicCode: code, firstPurchaseOnly: true);
        var member = await EnrolId();
        var till = await Till();
        await Purchase(till, member, [Line("A", 1, 5m)]);

        await (await till.Post("/v1/transactions", Buying(member, code))).Problem(HttpStatusCode.UnprocessableEntity, "coupon_first_purchase_only");
    }

    [Fact]
    public async Task A_code_for_one_store_is_refused_in_another_and_a_members_only_code_to_a_guest()
    {
        var storeCode = PublicCode();
        await Start(publicCode: storeCode, stores: ["store-a"]);
        var membersCode = PublicCode();
        await Start(publicCode: membersCode, membersOnly: true);
        var tillB = await Till("store-b");

        await (await tillB.Post("/v1/vouchers/validate", new { code = storeCode })).Problem(HttpStatusCode.UnprocessableEntity, "voucher_wrong_store");
        await (await (await Till("store-a")).Post("/v1/vouchers/validate", new { code = storeCode })).Json(HttpStatusCode.OK);
        await (await tillB.Post("/v1/vouchers/validate", new { code = membersCode })).Problem(HttpStatusCode.UnprocessableEntity, "voucher_member_required");
    }

    [Fact]
    public async Task A_basket_below_the_minimum_is_refused()
    {
        var code = PublicCode();
        await Start(publicCode: code, minBasket: 50m);

        await (await (await Till()).Post("/v1/transactions", Buying(await EnrolId(), code, price: 49.99m))).Problem(HttpStatusCode.UnprocessableEntity, "basket_below_minimum");
    }

    [Fact]
    public async Task A_coupon_capped_at_ten_uses_and_used_by_fourteen_tills_at_once_succeeds_exactly_ten_times()
    {
        var code = PublicCode();
        var campaign = await Start(publicCode: code, maxRedemptions: 10);
        var members = await EnrolIds(14);
        var tills = await Task.WhenAll(Enumerable.Range(0, 7).Select(i => Till($"store-{i}")));

        var responses = await Task.WhenAll(members.Select((m, i) => tills[i % tills.Length].Post("/v1/transactions", Buying(m, code))));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "coupon_exhausted");
        }

        var stats = await Stats(campaign);
        Assert.Equal(10, stats.Long("redemptions"));
        Assert.Equal(0, stats.Long("redemptionsLeft"));
    }

    [Fact]
    [Trait("Tier", "slow")]
    public async Task A_coupon_for_a_thousand_uses_taken_by_1020_tills_at_once_succeeds_exactly_a_thousand_times()
    {
        var code = PublicCode();
        var campaign = await Start(publicCode: code, maxRedemptions: 1000);
        var members = await EnrolIds(20);
        var tills = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Till($"store-{i}")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 1020).Select(i => tills[i % tills.Length].Post("/v1/transactions", Buying(members[i % members.Count], code))));

        Assert.Equal(1000, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        await responses.First(r => r.StatusCode != HttpStatusCode.Created).Problem(HttpStatusCode.UnprocessableEntity, "coupon_exhausted");
        Assert.Equal(1000, (await Stats(campaign)).Long("redemptions"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_purchase_returned_whole_gives_the_coupon_use_back()
    {
        var code = PublicCode();
        var campaign = await Start(publicCode: code, maxRedemptions: 1);
        var till = await Till();
        var purchase = await (await till.Post("/v1/transactions", Buying(await EnrolId(), code))).Json(HttpStatusCode.Created);

        await (await till.Post($"/v1/transactions/{purchase["id"]}/returns", new { lines = new[] { new { sku = "JACKET", quantity = 1 } } })).Json(HttpStatusCode.Created);

        Assert.Equal(0, (await Stats(campaign)).Long("redemptions"));
        await (await till.Post("/v1/transactions", Buying(await EnrolId(), code))).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Generated_codes_are_unique_typeable_exported_as_CSV_and_each_works_once()
    {
        var campaign = await Start();

        var generated = await (await Admin.Post($"/v1/admin/coupons/{campaign}/codes", new { count = 500 })).Json(HttpStatusCode.Created);

        Assert.Equal(500, generated.Long("generated"));
        var csv = await Admin.GetStringAsync((string)generated["exportUrl"]!, TestContext.Current.CancellationToken);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("code,status,member_id,valid_to,redeemed_at", rows[0]);
        var codes = rows.Skip(1).Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(500, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^CPN(-[2-9A-HJ-NP-Z]{4}){3}$", c));

        var till = await Till();
        await (await till.Post("/v1/transactions", Buying(await EnrolId(), codes[0]))).Json(HttpStatusCode.Created);
        await (await till.Post("/v1/transactions", Buying(await EnrolId(), codes[0]))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_already_redeemed");
        await (await till.Post("/v1/transactions", Buying(await EnrolId(), codes[1]))).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_code_assigned_to_a_member_shows_among_their_vouchers_and_only_they_can_use_it()
    {
        var campaign = await Start();
        var (member, stranger) = (await EnrolId(), await EnrolId());

        var assigned = await (await Admin.Post($"/v1/admin/coupons/{campaign}/assign", new { memberIds = new[] { member } })).Json(HttpStatusCode.Created);

        var code = (string)assigned["codes"]![0]!["code"]!;
        var vouchers = await Admin.GetJson($"/v1/members/{member}/vouchers");
        Assert.Equal(code, (string?)vouchers["items"]![0]!["code"]);
        var till = await Till();
        await (await till.Post("/v1/transactions", Buying(stranger, code))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_not_yours");
        await (await till.Post("/v1/transactions", Buying(member, code))).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_deactivated_campaign_s_code_no_longer_works()
    {
        var code = PublicCode();
        var campaign = await Start(publicCode: code);
        await (await Admin.Post($"/v1/admin/coupons/{campaign}/deactivate", new { })).Json(HttpStatusCode.OK);

        await (await (await Till()).Post("/v1/vouchers/validate", new { code })).Problem(HttpStatusCode.UnprocessableEntity, "coupon_inactive");
    }

    [Fact]
    public async Task Two_campaigns_cannot_share_a_public_code()
    {
        var code = PublicCode();
        await Start(publicCode: code);

        await (await Admin.Post("/v1/admin/coupons", new { id = Unique("cpn"), name = "Copy", kind = "amount_off", amount = 1m, publicCode = code }))
            .Problem(HttpStatusCode.Conflict, "coupon_code_taken");
    }
}

public sealed class CouponOnSqlite(SqliteApp app) : CouponSpec(app), IClassFixture<SqliteApp>;

public sealed class CouponOnPostgres(PostgresApp app) : CouponSpec(app), IClassFixture<PostgresApp>;
