using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Transactions;

public abstract class PurchaseSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task Money_in_the_answer_has_two_decimal_places_as_a_receipt_shows_it()
    {
        var till = await Till();
        var member = await EnrolId();

        var response = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("BREAD", 2, 5m), Line("BUTTER", 1, 2.5m, discount: 0.5m)]));
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"total\":12.00", text);
        Assert.Contains("\"amountToPay\":12.00", text);
        Assert.Contains("\"unitPrice\":2.50", text);
        Assert.Contains("\"discount\":0.50", text);
        Assert.Contains("\"value\":0.00", text);
        Assert.Contains("\"quantity\":2,", text);
    }

    [Fact]
    public async Task A_purchase_earns_pending_points_on_the_eligible_amount_with_a_breakdown()
    {
        var till = await Till();
        var member = await EnrolId();

        var result = await Purchase(till, member, [
            Line("COFFEE", 2, 8.99m, "grocery", discount: 1.00m),
            Line("GIFT", 1, 25m, "gift_card"),
            Line("SHIP", 1, 4.95m, "Shipping"),
        ]);

        Assert.Equal(16.98m, (decimal)result["eligibleAmount"]!);
        Assert.Equal(16, result.Long("earned.points"));
        Assert.Equal("pending", (string?)result["earned"]!["status"]);
        Assert.Equal(16, result.Long("balance.pending"));
        Assert.Equal(0, result.Long("balance.available"));
        var step = result["breakdown"]!.AsArray().Single()!;
        Assert.Equal("base_rate", (string?)step["rule"]);
        Assert.Equal(16, step.Long("points"));
        Assert.Contains("gift_card", (string?)result["lines"]![1]!["excludedBecause"]);
        Assert.Contains("shipping", (string?)result["lines"]![2]!["excludedBecause"]);
        Assert.Equal(16, await Pending(member));
    }

    [Fact]
    public async Task Earning_and_redeeming_on_the_same_basket_both_work_and_earning_is_on_the_amount_paid()
    {
        var till = await Till();
        var member = await EnrolId();
        await Credit(member, 1000);

        var result = await Purchase(till, member, [Line("TV", 1, 100m, "electronics")], redeemPoints: 500);

        Assert.Equal(500, result.Long("redeemed.points"));
        Assert.Equal(5.00m, (decimal)result["redeemed"]!["value"]!);
        Assert.Equal(95.00m, (decimal)result["amountToPay"]!);
        Assert.Equal(95, result.Long("earned.points"));
        Assert.Equal(500, result.Long("balance.available"));
        Assert.Equal(95, result.Long("balance.pending"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_preview_says_what_the_basket_would_earn_and_redeem_and_changes_nothing()
    {
        var till = await Till();
        var member = await EnrolId();
        await Credit(member, 3000);
        var before = await Admin.GetJson($"/v1/members/{member}/ledger");

        var preview = await (await till.Post("/v1/transactions/preview", Basket(member, "PREVIEW-1", [Line("SHOE", 1, 80m, "shoes")], redeemPoints: 1000))).Json(HttpStatusCode.OK);

        Assert.Equal(70, preview.Long("earned.points"));
        Assert.True((bool)preview["redeem"]!["allowed"]!);
        Assert.Equal(10.00m, (decimal)preview["redeem"]!["value"]!);
        Assert.Equal(3000, preview.Long("balance.available"));
        // Half the basket may be paid with points: 40 EUR = 4000 points, but the member has 3000.
        Assert.Equal(3000, preview.Long("redeem.maxRedeemable"));
        Assert.Equal(3000, await Available(member));
        Assert.Equal(before.ToJsonString(), (await Admin.GetJson($"/v1/members/{member}/ledger")).ToJsonString());
        // The preview's receipt id was not used up: the real purchase with it goes through.
        await (await till.Post("/v1/transactions", Basket(member, "PREVIEW-1", [Line("SHOE", 1, 80m, "shoes")]))).Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_preview_explains_why_a_redemption_would_be_refused()
    {
        var till = await Till();
        var member = await EnrolId();
        await Credit(member, 200);

        var preview = await (await till.Post("/v1/transactions/preview", Basket(member, "P", [Line("A", 1, 10m)], redeemPoints: 600))).Json(HttpStatusCode.OK);

        Assert.False((bool)preview["redeem"]!["allowed"]!);
        Assert.Equal("redemption_above_basket_share", (string?)preview["redeem"]!["refusedCode"]);
        Assert.Equal(10, preview.Long("earned.points"));
    }

    [Theory]
    [InlineData(50, "redemption_below_minimum")]
    [InlineData(6000, "redemption_above_basket_share")]
    [InlineData(2500, "insufficient_points")]
    public async Task Redemption_limits_refuse_the_basket_and_change_nothing(long redeem, string code)
    {
        var till = await Till();
        var member = await EnrolId();
        await Credit(member, 2000);

        var response = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("TV", 1, 100m)], redeemPoints: redeem));

        await response.Problem(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(2000, await Available(member));
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task Sending_the_same_receipt_again_returns_the_first_answer_byte_for_byte_and_earns_once()
    {
        var till = await Till();
        var member = await EnrolId();
        var basket = Basket(member, Unique("R"), [Line("A", 3, 9.99m)]);

        var first = await till.Post("/v1/transactions", basket);
        var second = await till.Post("/v1/transactions", basket);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(29, await Pending(member));
        var ledger = await Admin.GetJson($"/v1/members/{member}/ledger");
        Assert.Single(ledger["items"]!.AsArray());
    }

    [Fact]
    public async Task A_receipt_sent_with_an_idempotency_key_replays_by_either_key_and_its_answer_is_kept_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var till = await Till();
        var member = await EnrolId();
        var receipt = Unique("R");
        var key = Unique("K");
        var basket = Basket(member, receipt, [Line("A", 2, 15m)]);

        var first = await till.Post("/v1/transactions", basket, key);
        var byBoth = await till.Post("/v1/transactions", basket, key);
        var byReceipt = await till.Post("/v1/transactions", basket);
        var keyReused = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 5m)]), key);

        var answer = await first.Content.ReadAsStringAsync(ct);
        Assert.Equal(answer, await byBoth.Content.ReadAsStringAsync(ct));
        Assert.Equal(answer, await byReceipt.Content.ReadAsStringAsync(ct));
        Assert.True(byBoth.Headers.Contains("Idempotent-Replayed") && byReceipt.Headers.Contains("Idempotent-Replayed"));
        await keyReused.Problem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Equal(30, await Pending(member));

        // Kept under both keys, stored once: under the receipt, which is kept for good, while the header key expires.
        var kept = await App.Db(db => db.IdempotencyRecords.Where(r => r.Key == receipt || r.Key == key).ToListAsync(ct));
        Assert.Equal(2, kept.Count);
        Assert.Equal(answer, Assert.Single(kept, r => r.ResponseBody.Length > 0).ResponseBody);
        Assert.Equal(receipt, Assert.Single(kept, r => r.ExpiresAt is null).Key);
        Assert.Equal("", kept.Single(r => r.Key == key).ResponseBody);
    }

    [Fact]
    public async Task An_expired_idempotency_key_is_forgotten_by_the_cleanup_job_and_the_receipt_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var till = await Till();
        var member = await EnrolId();
        var receipt = Unique("R");
        var keys = new[] { Unique("K"), Unique("K"), Unique("K") };
        var answers = new List<string>();
        foreach (var key in keys)
        {
            var purchase = await till.Post("/v1/transactions", Basket(member, keys[0] == key ? receipt : Unique("R"), [Line("A", 1, 10m)]), key);
            answers.Add(await purchase.Content.ReadAsStringAsync(ct));
        }

        // Two of the three header keys are past their 48 hours.
        await App.Db(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE idempotency_records SET expires_at = {0} WHERE key = {1} OR key = {2}", App.Clock.GetUtcNow().UtcDateTime.AddHours(-1), keys[0], keys[1]));

        // In batches of one, so that the job has to go round until nothing expired is left.
        Assert.True(await App.RunJob("idempotency-cleanup", batchSize: 1) >= 2);

        var left = await App.Db(db => db.IdempotencyRecords.Where(r => keys.Contains(r.Key) || r.Key == receipt).Select(r => r.Key).ToListAsync(ct));
        Assert.Equal(new[] { receipt, keys[2] }.Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        // The receipt still replays the first answer; the forgotten key is free for a new purchase.
        Assert.Equal(answers[0], await (await till.Post("/v1/transactions", Basket(member, receipt, [Line("A", 1, 10m)]))).Content.ReadAsStringAsync(ct));
        await (await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("B", 2, 5m)]), keys[1])).Json(HttpStatusCode.Created);
        await (await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("B", 2, 5m)]), keys[2])).Problem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
    }

    [Fact]
    public async Task The_same_receipt_id_with_a_different_basket_is_refused_and_names_the_conflict()
    {
        var till = await Till();
        var member = await EnrolId();
        var receipt = Unique("R");
        await Purchase(till, member, [Line("A", 1, 10m)], receipt: receipt);

        var response = await till.Post("/v1/transactions", Basket(member, receipt, [Line("A", 1, 99m)]));

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity, "external_id_reused");
        Assert.Contains(receipt, (string?)problem["detail"]);
        Assert.Equal(10, await Pending(member));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_answer_and_refuses_a_different_body()
    {
        var member = await EnrolId();
        var key = Unique("K");

        var first = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 100, reason = "goodwill" }, key);
        var again = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 100, reason = "goodwill" }, key);
        var other = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 900, reason = "goodwill" }, key);

        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var problem = await other.Problem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Contains(key, (string?)problem["detail"]);
        Assert.Equal(100, await Available(member));
    }

    [Fact]
    public async Task The_same_receipt_id_from_another_store_is_another_purchase()
    {
        var member = await EnrolId();
        var receipt = Unique("R");
        var berlin = await Till("berlin");
        var hamburg = await Till("hamburg");

        await (await berlin.Post("/v1/transactions", Basket(member, receipt, [Line("A", 1, 10m)]))).Json(HttpStatusCode.Created);
        await (await hamburg.Post("/v1/transactions", Basket(member, receipt, [Line("A", 1, 10m)]))).Json(HttpStatusCode.Created);

        Assert.Equal(20, await Pending(member));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_changes_nothing()
    {
        var till = await Till();
        var member = await EnrolId();

        var response = await till.PostRaw("/v1/transactions", $$"""{"memberId":"{{member}}","externalId":"X","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10}""");

        await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task A_misspelt_field_is_refused_rather_than_ignored()
    {
        var till = await Till();
        var member = await EnrolId();
        await Credit(member, 1000);

        var response = await till.PostRaw("/v1/transactions",
            $$"""{"memberId":"{{member}}","externalId":"X1","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10}],"redeemPoint":500}""");

        await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(1000, await Available(member));
    }

    [Theory]
    [InlineData(-1, 10, "lines[0].quantity")]
    [InlineData(0, 10, "lines[0].quantity")]
    [InlineData(1, -5, "lines[0].unitPrice")]
    [InlineData(1_000_000, 10, "lines[0].quantity")]
    [InlineData(1, 1e12, "lines[0].unitPrice")]
    public async Task Impossible_lines_are_refused_field_by_field_and_change_nothing(double quantity, double unitPrice, string field)
    {
        var till = await Till();
        var member = await EnrolId();

        var response = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", (decimal)quantity, (decimal)unitPrice)]));

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task A_discount_larger_than_the_line_is_refused()
    {
        var till = await Till();
        var member = await EnrolId();

        var response = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 10m, discount: 11m)]));

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["lines[0].discount"]);
    }

    [Fact]
    public async Task An_unknown_currency_is_a_400_and_another_known_currency_a_422()
    {
        var till = await Till();
        var member = await EnrolId();

        var unknown = await till.Post("/v1/transactions", new { memberId = member, externalId = Unique("R"), currency = "XYZ", lines = new[] { Line("A", 1, 10m) } });
        var dollars = await till.Post("/v1/transactions", new { memberId = member, externalId = Unique("R"), currency = "USD", lines = new[] { Line("A", 1, 10m) } });

        await unknown.Problem(HttpStatusCode.BadRequest, "unknown_currency");
        await dollars.Problem(HttpStatusCode.UnprocessableEntity, "currency_mismatch");
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task Absurd_sizes_are_refused_with_4xx()
    {
        var till = await Till();
        var member = await EnrolId();
        var tooManyLines = Enumerable.Range(0, 501).Select(i => Line($"S{i}", 1, 1m)).ToArray();

        var lines = await till.Post("/v1/transactions", Basket(member, Unique("R"), tooManyLines));
        var huge = await till.PostRaw("/v1/transactions", $$"""{"memberId":"{{member}}","externalId":"{{new string('x', 2_000_000)}}"}""");
        var longSku = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line(new string('S', 65), 1, 1m)]));

        await lines.Problem(HttpStatusCode.BadRequest, "validation_failed");
        await huge.Problem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await longSku.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task A_purchase_for_an_unknown_member_is_a_404()
    {
        var till = await Till();

        var response = await till.Post("/v1/transactions", Basket("mbr_doesnotexist00000000", Unique("R"), [Line("A", 1, 10m)]));

        await response.Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task A_recorded_purchase_can_be_read_back()
    {
        var till = await Till();
        var member = await EnrolId();
        var recorded = await Purchase(till, member, [Line("A", 2, 5m), Line("B", 1, 3.5m)]);

        var read = await till.GetJson($"/v1/transactions/{recorded["id"]}");

        Assert.Equal((string?)recorded["externalId"], (string?)read["externalId"]);
        Assert.Equal(13, read.Long("earned.points"));
        Assert.Equal(2, read["lines"]!.AsArray().Count);
        Assert.Equal("base_rate", (string?)read["breakdown"]![0]!["rule"]);
    }

    [Fact]
    public async Task A_till_that_syncs_late_does_not_hold_the_points_back_longer_than_the_return_window()
    {
        var till = await Till();
        var member = await EnrolId();
        var now = App.Clock.GetUtcNow().UtcDateTime;

        var tenDaysAgo = await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("OFF"),
            currency = "EUR",
            occurredAt = now.AddDays(-10),
            lines = new[] { Line("A", 1, 10m) },
        })).Json(HttpStatusCode.Created);
        var monthAgo = await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("OFF"),
            currency = "EUR",
            occurredAt = now.AddDays(-30),
            lines = new[] { Line("B", 1, 20m) },
        })).Json(HttpStatusCode.Created);

        Assert.Equal("pending", (string?)tenDaysAgo["earned"]!["status"]);
        Assert.Equal(now.AddDays(4), (DateTime)tenDaysAgo["earned"]!["availableAt"]!, TimeSpan.FromSeconds(1));
        Assert.Equal("available", (string?)monthAgo["earned"]!["status"]);
        Assert.Equal(20, await Available(member));
        Assert.Equal(10, await Pending(member));
    }
}

public sealed class PurchaseOnSqlite(SqliteApp app) : PurchaseSpec(app), IClassFixture<SqliteApp>;

public sealed class PurchaseOnPostgres(PostgresApp app) : PurchaseSpec(app), IClassFixture<PostgresApp>;
