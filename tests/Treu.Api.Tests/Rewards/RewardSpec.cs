using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>The rewards catalogue: what a member sees, what redeeming costs, and stock that never oversells.</summary>
public abstract class RewardSpec(TreuApp app) : CatalogueSpec(app)
{
    private static JsonNode Entry(JsonNode catalogue, string reward) => catalogue["rewards"]!.AsArray().Single(r => (string)r!["id"]! == reward)!;

    [Fact]
    public async Task The_catalogue_tells_a_member_what_they_can_afford_and_how_many_points_the_rest_lack()
    {
        var cheap = await OfferFiveEuros();
        var dear = await Offer(new { id = Unique("tote"), type = "free_product", pointsCost = 800, sku = "TOTE-01", name = new { en = "Tote bag", de = "Stofftasche" } });
        var member = await EnrolId();
        await Credit(member, 680);

        var catalogue = await Admin.GetJson($"/v1/members/{member}/rewards?lang=en");

        Assert.Equal(680, catalogue.Long("available"));
        Assert.True((bool)Entry(catalogue, cheap)["canRedeem"]!);
        var tote = Entry(catalogue, dear);
        Assert.False((bool)tote["canRedeem"]!);
        Assert.Equal(120, tote.Long("pointsMissing"));
        Assert.Equal("not_enough_points", (string?)tote["notRedeemableBecause"]);
        Assert.Equal("120 points missing", (string?)tote["reason"]);
        Assert.Equal("Tote bag", (string?)tote["name"]);
    }

    [Fact]
    public async Task A_reward_for_a_tier_says_so_to_a_member_outside_it_and_refuses_the_redemption()
    {
        var gold = await OfferFiveEuros(tiers: ["gold"]);
        var member = await EnrolId();
        await Credit(member, 1000);

        var entry = Entry(await Admin.GetJson($"/v1/members/{member}/rewards"), gold);
        Assert.Equal("tier_required", (string?)entry["notRedeemableBecause"]);

        await (await Admin.Post($"/v1/members/{member}/rewards/{gold}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_eligible");
        Assert.Equal(1000, await Available(member));
    }

    [Fact]
    public async Task A_draft_reward_is_invisible_to_members_and_cannot_be_redeemed()
    {
        var body = new { id = Unique("draft"), type = "gift_card", pointsCost = 100, amount = 1m, name = new { en = "Draft" } };
        var draft = (string)(await (await Admin.Post("/v1/admin/rewards", body)).Json(HttpStatusCode.Created))["id"]!;
        var member = await EnrolId();
        await Credit(member, 1000);

        var catalogue = await Admin.GetJson($"/v1/members/{member}/rewards");

        Assert.DoesNotContain(catalogue["rewards"]!.AsArray(), r => (string)r!["id"]! == draft);
        await (await Admin.Post($"/v1/members/{member}/rewards/{draft}/redeem", new { })).Problem(HttpStatusCode.NotFound, "reward_not_found");
        Assert.Equal(1000, await Available(member));
    }

    [Fact]
    public async Task Redeeming_takes_the_points_through_the_ledger_and_gives_a_voucher_with_a_typeable_code()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        await Credit(member, 700);

        var redeemed = await Redeem(member, reward);

        Assert.Equal(500, redeemed.Long("pointsSpent"));
        Assert.Equal(200, redeemed.Long("balance.available"));
        Assert.Equal(200, await Available(member));
        var code = (string)redeemed["voucher"]!["code"]!;
        Assert.Matches("^TREU(-[2-9A-HJ-NP-Z]{4}){3}$", code);
        Assert.Equal("issued", (string?)redeemed["voucher"]!["status"]);
        var vouchers = await Admin.GetJson($"/v1/members/{member}/vouchers");
        Assert.Equal(code, (string?)vouchers["items"]![0]!["code"]);
        var history = await Admin.GetJson($"/v1/members/{member}/ledger");
        Assert.Contains(history["items"]!.AsArray(), e => (string?)e!["kind"] == "redeem" && e.Long("points") == -500);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_redemption_tells_the_retailers_systems_of_the_reward_and_then_of_the_voucher()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        await Credit(member, 700);

        var voucher = (await Redeem(member, reward))["voucher"]!;

        var events = await App.Db(db => db.DomainEvents.Where(e => e.MemberId == member).OrderBy(e => e.MemberSeq).ToListAsync());
        Assert.Equal(["reward.redeemed", "voucher.issued"], events.TakeLast(2).Select(e => e.Type));
        var redeemed = JsonNode.Parse(events[^2].Payload)!;
        Assert.Equal(reward, (string?)redeemed["rewardId"]);
        Assert.Equal(500, redeemed.Long("points"));
        Assert.Equal(200, redeemed.Long("balance.available"));
        var issued = JsonNode.Parse(events[^1].Payload)!;
        Assert.Equal((string?)voucher["code"], (string?)issued["code"]);
        Assert.Equal((string?)redeemed["voucherId"], (string?)issued["voucherId"]);
        Assert.Equal("amount_off", (string?)issued["kind"]);
        Assert.Equal(5m, (decimal)issued["amount"]!);
    }

    [Fact]
    public async Task A_redemption_retried_with_its_idempotency_key_gives_the_same_voucher_and_spends_once()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        await Credit(member, 1200);
        var key = Unique("redeem");

        var first = await Redeem(member, reward, idempotencyKey: key);
        var again = await Redeem(member, reward, idempotencyKey: key);

        Assert.Equal((string?)first["voucher"]!["code"], (string?)again["voucher"]!["code"]);
        Assert.Equal(700, await Available(member));
    }

    [Fact]
    public async Task Without_enough_points_nothing_is_spent_and_no_voucher_is_issued()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        await Credit(member, 499);

        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");

        Assert.Equal(499, await Available(member));
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}/vouchers"))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_last_item_of_stock_redeemed_by_twenty_members_at_once_gives_exactly_one_voucher()
    {
        var reward = await OfferFiveEuros(stock: 1);
        var members = await EnrolIds(20);
        foreach (var member in members)
        {
            await Credit(member, 500);
        }

        var responses = await Task.WhenAll(members.Select(m => Admin.Post($"/v1/members/{m}/rewards/{reward}/redeem", new { })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "reward_sold_out");
        }

        var balances = await Task.WhenAll(members.Select(Available));
        Assert.Equal(19, balances.Count(b => b == 500));
        var stats = (await Admin.GetJson($"/v1/admin/rewards/{reward}"))["stats"]!;
        Assert.Equal(1, stats.Long("issued"));
        Assert.Equal(0, stats.Long("stockLeft"));
        Assert.Equal("sold_out", (string?)Entry(await Admin.GetJson($"/v1/members/{members[0]}/rewards"), reward)["notRedeemableBecause"]);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_reward_limited_to_one_a_year_per_member_is_refused_the_second_time_that_year()
    {
        var reward = await Offer(new
        {
            id = Unique("once"),
            type = "gift_card",
            pointsCost = 100,
            amount = 1m,
            limitPerMember = 1,
            limitPeriod = "year",
            name = new { en = "Once" },
        });
        var member = await EnrolId();
        await Credit(member, 500);
        await Redeem(member, reward);

        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_limit_reached");

        Assert.Equal(400, await Available(member));
        Assert.Equal("limit_reached", (string?)Entry(await Admin.GetJson($"/v1/members/{member}/rewards"), reward)["notRedeemableBecause"]);
    }

    [Fact]
    public async Task A_donation_gives_no_voucher_but_a_receipt_line_naming_the_project()
    {
        var reward = await Offer(new
        {
            id = Unique("trees"),
            type = "donation",
            pointsCost = 200,
            amount = 2m,
            donationRecipient = "Bergwaldprojekt",
            name = new { de = "2 € für Bäume", en = "€2 for trees" },
        });
        var member = await EnrolId();
        await Credit(member, 300);

        var redeemed = await Redeem(member, reward);

        Assert.Null(redeemed["voucher"]);
        Assert.Contains("Bergwaldprojekt", (string?)redeemed["donation"]!["receiptLine"]);
        Assert.Equal("2.00", redeemed["donation"]!["amount"]!.ToJsonString());
        Assert.Equal(100, await Available(member));
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}/vouchers"))["items"]!.AsArray());
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task The_admin_sees_what_a_reward_has_issued_and_the_points_spent_on_it()
    {
        var reward = await OfferFiveEuros(stock: 10);
        var member = await EnrolId();
        await Credit(member, 1000);
        await Redeem(member, reward);
        await Redeem(member, reward);

        var stats = (await Admin.GetJson($"/v1/admin/rewards/{reward}"))["stats"]!;

        Assert.Equal(2, stats.Long("issued"));
        Assert.Equal(1000, stats.Long("pointsSpent"));
        Assert.Equal(8, stats.Long("stockLeft"));
    }

    [Fact]
    public async Task A_reward_s_picture_is_served_with_an_entity_tag_and_a_client_that_has_it_gets_304()
    {
        var reward = await OfferFiveEuros();
        var png = Security.SecurityWorld.Png();
        using var upload = new ByteArrayContent(png) { Headers = { ContentType = new("image/png") } };
        var view = await (await Admin.PutAsync($"/v1/admin/rewards/{reward}/image", upload, TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        var url = (string)view["imageUrl"]!;

        using var first = await Admin.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("image/png", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await first.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await Admin.SendAsync(revalidate, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task A_picture_that_is_not_an_image_is_refused_and_the_reward_keeps_none()
    {
        var reward = await OfferFiveEuros();
        using var upload = new ByteArrayContent("<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray()) { Headers = { ContentType = new("image/png") } };

        await (await Admin.PutAsync($"/v1/admin/rewards/{reward}/image", upload, TestContext.Current.CancellationToken)).Problem(HttpStatusCode.BadRequest, "image_unsupported");

        Assert.Null((await Admin.GetJson($"/v1/admin/rewards/{reward}"))["imageUrl"]);
    }

    [Fact]
    public async Task A_reward_can_be_redeemed_only_within_its_validity_window()
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var reward = await Offer(new
        {
            id = Unique("advent"),
            type = "fixed_discount",
            pointsCost = 100,
            amount = 2m,
            validFrom = now.AddDays(1),
            validTo = now.AddDays(3),
            name = new { en = "Advent" },
        });
        var member = await EnrolId();
        await Credit(member, 300);

        var before = await Admin.GetJson($"/v1/members/{member}/rewards?lang=en");
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_available");
        App.Clock.Advance(TimeSpan.FromDays(2));
        var during = Entry(await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"), reward);
        await Redeem(member, reward);
        App.Clock.Advance(TimeSpan.FromDays(2));
        var after = await Admin.GetJson($"/v1/members/{member}/rewards?lang=en");

        Assert.DoesNotContain(before["rewards"]!.AsArray(), r => (string?)r!["id"] == reward);
        Assert.True((bool)during["canRedeem"]!);
        Assert.DoesNotContain(after["rewards"]!.AsArray(), r => (string?)r!["id"] == reward);
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_available");
        Assert.Equal(200, await Available(member));
    }

    [Fact]
    public async Task A_reward_for_a_segment_opens_to_a_member_once_tagged_with_it()
    {
        var segment = Unique("vip");
        var reward = await Offer(new { id = Unique("lounge"), type = "experience", pointsCost = 100, segments = new[] { segment }, name = new { en = "Lounge" } });
        var member = await EnrolId();
        await Credit(member, 100);

        var untagged = Entry(await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"), reward);
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_eligible");
        await (await Admin.Patch($"/v1/members/{member}", new { tags = new[] { segment } })).Json(HttpStatusCode.OK);
        var tagged = Entry(await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"), reward);
        await Redeem(member, reward);

        Assert.Equal(("segment_required", $"For {segment} only"), ((string?)untagged["notRedeemableBecause"], (string?)untagged["reason"]));
        Assert.True((bool)tagged["canRedeem"]!);
        Assert.Equal(0, await Available(member));
    }

    [Fact]
    public async Task A_reward_for_members_of_thirty_days_says_how_many_days_are_left_and_opens_on_the_thirtieth()
    {
        var reward = await Offer(new { id = Unique("loyal"), type = "fixed_discount", pointsCost = 100, amount = 1m, minMemberDays = 30, name = new { en = "Loyal" } });
        var member = await EnrolId();
        await Credit(member, 100);
        App.Clock.Advance(TimeSpan.FromDays(18));

        var young = Entry(await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"), reward);
        await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_eligible");
        App.Clock.Advance(TimeSpan.FromDays(12));
        await Redeem(member, reward);

        Assert.Equal(("membership_too_short", "For members of 30 days or more: 12 days to go"), ((string?)young["notRedeemableBecause"], (string?)young["reason"]));
        Assert.Equal(0, await Available(member));
    }
}

public sealed class RewardOnSqlite(SqliteApp app) : RewardSpec(app), IClassFixture<SqliteApp>;

public sealed class RewardOnPostgres(PostgresApp app) : RewardSpec(app), IClassFixture<PostgresApp>;
