using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rewards;

/// <summary>Vouchers at the till and in the webshop: validated, held for one basket, used once, given back by a return or by expiry.</summary>
public abstract class VoucherSpec(TreuApp app) : CatalogueSpec(app)
{
    private static object Validate(string code, string? member, params object[] lines) =>
        lines.Length == 0 ? new { code, memberId = member } : new { code, memberId = member, currency = "EUR", lines };

    private static object Buying(string member, string receipt, string code, params object[] lines) =>
        new { memberId = member, externalId = receipt, currency = "EUR", lines, vouchers = new[] { code } };

    private async Task<string> Status(string code) => (string)(await Admin.GetJson($"/v1/vouchers/{code}"))["status"]!;

    [Fact]
    public async Task Validating_a_voucher_tells_the_till_exactly_what_it_takes_off_this_basket_and_changes_nothing()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();

        var answer = await (await till.Post("/v1/vouchers/validate", Validate(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), member,
            Line("COFFEE", 2, 8.99m), Line("BREAD", 1, 4.50m)))).Json(HttpStatusCode.OK);

        Assert.True((bool)answer["usable"]!);
        Assert.Equal(code, (string?)answer["code"]);
        Assert.Equal("5.00", answer["discount"]!.ToJsonString());
        Assert.Equal("17.48", answer["amountToPay"]!.ToJsonString());
        Assert.Equal("issued", await Status(code));
    }

    [Fact]
    public async Task A_voucher_used_on_a_purchase_comes_off_the_basket_and_points_are_earned_on_what_is_paid()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();

        var purchase = await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("R"),
            currency = "EUR",
            lines = new[] { Line("SHIRT", 1, 25m) },
            vouchers = new[] { code },
        })).Json(HttpStatusCode.Created);

        Assert.Equal("20.00", purchase["amountToPay"]!.ToJsonString());
        Assert.Equal(20, purchase.Long("earned.points"));
        Assert.Equal(code, (string?)purchase["vouchers"]![0]!["code"]);
        Assert.Equal("5.00", purchase["vouchers"]![0]!["discount"]!.ToJsonString());
        Assert.Equal("redeemed", await Status(code));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_purchase_with_a_voucher_sent_again_gets_its_first_answer_not_already_redeemed()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        var basket = Buying(member, Unique("R"), code, Line("SHIRT", 1, 25m));

        var first = await (await till.Post("/v1/transactions", basket)).Json(HttpStatusCode.Created);
        var again = await (await till.Post("/v1/transactions", basket)).Json(HttpStatusCode.Created);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(20, await Pending(member));
    }

    [Fact]
    public async Task A_preview_shows_the_voucher_s_discount_and_leaves_it_unused()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);

        var preview = await (await (await Till()).Post("/v1/transactions/preview", new
        {
            memberId = member,
            currency = "EUR",
            lines = new[] { Line("SHIRT", 1, 25m) },
            vouchers = new[] { code },
        })).Json(HttpStatusCode.OK);

        Assert.Equal("5.00", preview["vouchers"]![0]!["discount"]!.ToJsonString());
        Assert.Equal("issued", await Status(code));
    }

    [Fact]
    public async Task A_voucher_cannot_be_used_twice_and_the_second_purchase_records_nothing()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        await (await till.Post("/v1/transactions", Buying(member, Unique("R"), code, Line("A", 1, 25m))))
            .Json(HttpStatusCode.Created);

        var again = await till.Post("/v1/transactions", Buying(member, Unique("R"), code, Line("A", 1, 25m)));

        await again.Problem(HttpStatusCode.UnprocessableEntity, "voucher_already_redeemed");
        Assert.Equal(20, await Pending(member));
    }

    [Fact]
    public async Task A_basket_below_the_voucher_s_minimum_is_refused_with_the_reason()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(minBasket: 10m), 500);

        await (await (await Till()).Post("/v1/vouchers/validate", Validate(code, member, Line("GUM", 1, 1.99m))))
            .Problem(HttpStatusCode.UnprocessableEntity, "basket_below_minimum");
    }

    [Fact]
    public async Task Another_member_s_voucher_is_refused()
    {
        var (_, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var stranger = await EnrolId();

        await (await (await Till()).Post("/v1/vouchers/validate", Validate(code, stranger, Line("A", 1, 20m)))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_not_yours");
    }

    [Fact]
    public async Task A_mistyped_code_is_told_apart_from_an_unknown_one_and_a_code_of_another_program_is_just_unknown()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        var typo = code[..^1] + alphabet[(alphabet.IndexOf(code[^1], StringComparison.Ordinal) + 1) % alphabet.Length];

        await (await till.Post("/v1/vouchers/validate", Validate(typo, member))).Problem(HttpStatusCode.BadRequest, "voucher_code_malformed");
        await (await till.Post("/v1/vouchers/validate", Validate("NO-SUCH-COUPON", member))).Problem(HttpStatusCode.NotFound, "voucher_not_found");
    }

    [Fact]
    public async Task A_voucher_held_for_one_basket_cannot_be_taken_by_a_second_till_and_the_first_till_s_purchase_uses_it()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var (tillA, tillB) = (await Till("store-a"), await Till("store-b"));
        var (receiptA, receiptB) = (Unique("A"), Unique("B"));

        var held = await (await tillA.Post($"/v1/vouchers/{code}/reserve", new { externalId = receiptA, memberId = member })).Json(HttpStatusCode.OK);
        Assert.Equal("reserved", (string?)held["status"]);

        await (await tillB.Post($"/v1/vouchers/{code}/reserve", new { externalId = receiptB, memberId = member })).Problem(HttpStatusCode.Conflict, "voucher_reserved");
        await (await tillB.Post("/v1/transactions", Buying(member, receiptB, code, Line("A", 1, 20m))))
            .Problem(HttpStatusCode.Conflict, "voucher_reserved");
        await (await tillA.Post("/v1/transactions", Buying(member, receiptA, code, Line("A", 1, 20m))))
            .Json(HttpStatusCode.Created);
        Assert.Equal("redeemed", await Status(code));
    }

    [Fact]
    public async Task A_voucher_at_two_tills_at_once_is_used_by_exactly_one()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var tills = await Task.WhenAll(Till("store-a"), Till("store-b"));

        var responses = await Task.WhenAll(tills.Select(t =>
            t.Post("/v1/transactions", Buying(member, Unique("R"), code, Line("A", 1, 20m)))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        await responses.Single(r => r.StatusCode != HttpStatusCode.Created).Problem(HttpStatusCode.UnprocessableEntity, "voucher_already_redeemed");
        Assert.Equal(15, await Pending(member));
    }

    [Fact]
    public async Task Redeeming_a_code_outside_a_purchase_is_idempotent_on_its_receipt()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        var body = new { externalId = Unique("DOOR"), memberId = member };

        var first = await (await till.Post($"/v1/vouchers/{code}/redeem", body)).Json(HttpStatusCode.Created);
        var again = await (await till.Post($"/v1/vouchers/{code}/redeem", body)).Json(HttpStatusCode.Created);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        await (await till.Post($"/v1/vouchers/{code}/redeem", new { externalId = Unique("DOOR"), memberId = member }))
            .Problem(HttpStatusCode.UnprocessableEntity, "voucher_already_redeemed");
    }

    [Fact]
    public async Task A_purchase_returned_whole_gives_its_voucher_back_for_another_basket()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        var purchase = await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("R"),
            currency = "EUR",
            lines = new[] { Line("SHIRT", 1, 25m) },
            vouchers = new[] { code },
        })).Json(HttpStatusCode.Created);

        await (await till.Post($"/v1/transactions/{purchase["id"]}/returns", new { lines = new[] { new { sku = "SHIRT", quantity = 1 } } })).Json(HttpStatusCode.Created);

        Assert.Equal("issued", await Status(code));
        await (await till.Post("/v1/transactions", Buying(member, Unique("R"), code, Line("JEANS", 1, 50m))))
            .Json(HttpStatusCode.Created);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_purchase_returned_in_part_keeps_its_voucher_used()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var till = await Till();
        var purchase = await (await till.Post("/v1/transactions", new
        {
            memberId = member,
            externalId = Unique("R"),
            currency = "EUR",
            lines = new[] { Line("SHIRT", 1, 25m), Line("SOCKS", 1, 5m) },
            vouchers = new[] { code },
        })).Json(HttpStatusCode.Created);

        await (await till.Post($"/v1/transactions/{purchase["id"]}/returns", new { lines = new[] { new { sku = "SOCKS", quantity = 1 } } })).Json(HttpStatusCode.Created);

        Assert.Equal("redeemed", await Status(code));
    }

    [Fact]
    public async Task An_unused_voucher_that_expires_gives_its_points_back_through_the_ledger()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 600);
        Assert.Equal(100, await Available(member));

        App.Clock.Advance(TimeSpan.FromDays(31));
        await (await Admin.Post("/v1/admin/jobs/voucher-expiry/run", new { })).Json(HttpStatusCode.OK);

        Assert.Equal("expired", await Status(code));
        Assert.Equal(600, await Available(member));
        await (await (await Till()).Post("/v1/vouchers/validate", Validate(code, member))).Problem(HttpStatusCode.UnprocessableEntity, "voucher_expired");
        await (await Admin.Post("/v1/admin/jobs/voucher-expiry/run", new { })).Json(HttpStatusCode.OK);
        Assert.Equal(600, await Available(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_cancelled_voucher_gives_its_points_back_unless_the_program_says_otherwise()
    {
        var reward = await OfferFiveEuros();
        var (member, code) = await VoucherOf(reward, 500);

        await (await Admin.Post($"/v1/vouchers/{code}/cancel", new { })).Json(HttpStatusCode.OK);

        Assert.Equal("cancelled", await Status(code));
        Assert.Equal(500, await Available(member));

        await (await Admin.Patch("/v1/admin/program", new { refundUnusedVouchers = false })).Json(HttpStatusCode.OK);
        try
        {
            var (keeper, kept) = await VoucherOf(reward, 500);
            await (await Admin.Post($"/v1/vouchers/{kept}/cancel", new { })).Json(HttpStatusCode.OK);
            Assert.Equal(0, await Available(keeper));
        }
        finally
        {
            await (await Admin.Patch("/v1/admin/program", new { refundUnusedVouchers = true })).Json(HttpStatusCode.OK);
        }

        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task The_QR_code_of_a_voucher_is_a_PNG()
    {
        var (_, code) = await VoucherOf(await OfferFiveEuros(), 500);

        using var response = await Admin.GetAsync($"/v1/vouchers/{code}/qr.png", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, bytes[..4]);
    }

    [Fact]
    public async Task A_reservation_that_runs_out_lets_another_till_take_the_voucher()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);
        var (tillA, tillB) = (await Till("store-a"), await Till("store-b"));

        var held = await (await tillA.Post($"/v1/vouchers/{code}/reserve", new { externalId = Unique("A"), memberId = member })).Json(HttpStatusCode.OK);
        App.Clock.Advance(TimeSpan.FromMinutes(14));
        await (await tillB.Post($"/v1/vouchers/{code}/reserve", new { externalId = Unique("B"), memberId = member })).Problem(HttpStatusCode.Conflict, "voucher_reserved");
        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var lapsed = await Status(code);
        var purchase = await (await tillB.Post("/v1/transactions", Buying(member, Unique("B"), code, Line("A", 1, 20m)))).Json(HttpStatusCode.Created);

        Assert.Equal("reserved", (string?)held["status"]);
        Assert.Equal("issued", lapsed);
        Assert.Equal("15.00", purchase["amountToPay"]!.ToJsonString());
        Assert.Equal("redeemed", await Status(code));
    }

    [Fact]
    public async Task A_member_s_vouchers_come_newest_first_a_page_at_a_time_and_a_status_filter_fills_each_page()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        await Credit(member, 2500);
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            codes.Add((string)(await Redeem(member, reward))["voucher"]!["code"]!);
        }

        await (await Admin.Post($"/v1/vouchers/{codes[4]}/cancel", new { })).Json(HttpStatusCode.OK);
        await (await Admin.Post($"/v1/vouchers/{codes[3]}/cancel", new { })).Json(HttpStatusCode.OK);
        var pages = new List<string[]>();
        string? cursor = null;
        do
        {
            var page = await Admin.GetJson($"/v1/members/{member}/vouchers?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            pages.Add(page["items"]!.AsArray().Select(v => (string)v!["code"]!).ToArray());
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        var issued = await Admin.GetJson($"/v1/members/{member}/vouchers?status=issued&limit=2");

        Assert.Equal([[codes[4], codes[3]], [codes[2], codes[1]], [codes[0]]], pages);
        Assert.Equal([codes[2], codes[1]], issued["items"]!.AsArray().Select(v => (string)v!["code"]!));
        var rest = await Admin.GetJson($"/v1/members/{member}/vouchers?status=issued&limit=2&cursor={(string)issued["nextCursor"]!}");
        Assert.Equal([codes[0]], rest["items"]!.AsArray().Select(v => (string)v!["code"]!));
        Assert.Null((string?)rest["nextCursor"]);
        await (await Admin.GetAsync($"/v1/members/{member}/vouchers?limit=0", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task The_member_s_app_cancels_an_unused_voucher_and_gets_the_points_back_but_a_till_may_not()
    {
        var (member, code) = await VoucherOf(await OfferFiveEuros(), 500);

        await (await (await Till()).Post($"/v1/vouchers/{code}/cancel", new { })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        var cancelled = await (await (await App.ClientWithScope("app")).Post($"/v1/vouchers/{code}/cancel", new { })).Json(HttpStatusCode.OK);

        Assert.Equal("cancelled", (string?)cancelled["status"]);
        Assert.Equal(500, await Available(member));
        await (await (await App.ClientWithScope("app")).Post($"/v1/vouchers/{code}/cancel", new { })).Problem(HttpStatusCode.UnprocessableEntity, "voucher_cancelled");
        await AssertLedgerVerifies();
    }
}

public sealed class VoucherOnSqlite(SqliteApp app) : VoucherSpec(app), IClassFixture<SqliteApp>;

public sealed class VoucherOnPostgres(PostgresApp app) : VoucherSpec(app), IClassFixture<PostgresApp>;
