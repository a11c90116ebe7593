using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Transactions;

public abstract class ReturnSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<(HttpClient Till, string Member, string Purchase)> Bought(object[] lines, long? redeem = null, long credit = 0)
    {
        var till = await Till();
        var member = await EnrolId();
        if (credit > 0)
        {
            await Credit(member, credit);
        }

        var purchase = await Purchase(till, member, lines, redeem);
        return (till, member, (string)purchase["id"]!);
    }

    [Fact]
    public async Task Return_of_half_the_basket_reverses_half_the_points()
    {
        var (till, member, purchase) = await Bought([Line("SHIRT", 2, 25m), Line("JEANS", 1, 50m)]);
        Assert.Equal(100, await Pending(member));

        var ret = await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "JEANS", quantity = 1 } } })).Json(HttpStatusCode.Created);

        Assert.Equal(50, ret.Long("pointsReversed"));
        Assert.Equal(50, ret.Long("reversedFromPending"));
        Assert.Equal(50, ret.Long("balance.pending"));
        Assert.Equal(50, await Pending(member));
        await AssertLedgerVerifies();
    }

    [Theory]
    [InlineData(0.0000001)]
    [InlineData(0.0015)]
    [InlineData(0)]
    public async Task A_return_quantity_a_till_could_not_weigh_is_refused_and_takes_nothing_back(double quantity)
    {
        var (till, member, purchase) = await Bought([Line("CHEESE", 0.5m, 40m)]);

        var refused = await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "CHEESE", quantity = (decimal)quantity } } }))
            .Problem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.NotNull(refused["errors"]!["lines[0].quantity"]);
        Assert.Equal(20, await Pending(member));
    }

    [Fact]
    public async Task A_line_cannot_be_returned_twice()
    {
        var (till, member, purchase) = await Bought([Line("SHIRT", 2, 25m), Line("JEANS", 1, 50m)]);
        await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "JEANS", quantity = 1 } } })).Json(HttpStatusCode.Created);

        var again = await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "JEANS", quantity = 1 } } });

        var problem = await again.Problem(HttpStatusCode.UnprocessableEntity, "line_already_returned");
        Assert.Contains("JEANS", (string?)problem["detail"]);
        Assert.Equal(50, await Pending(member));
    }

    [Fact]
    public async Task Partial_returns_of_one_line_reverse_exactly_the_line_s_points_in_total()
    {
        var (till, member, purchase) = await Bought([Line("SOCKS", 3, 3.33m)]);
        Assert.Equal(9, await Pending(member));

        long reversed = 0;
        for (var i = 0; i < 3; i++)
        {
            var ret = await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "SOCKS", quantity = 1 } } })).Json(HttpStatusCode.Created);
            reversed += ret.Long("pointsReversed");
        }

        Assert.Equal(9, reversed);
        Assert.Equal(0, await Pending(member));
        await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "SOCKS", quantity = 1 } } }))
            .Problem(HttpStatusCode.UnprocessableEntity, "line_already_returned");
    }

    [Fact]
    public async Task A_return_refunds_the_points_redeemed_on_the_returned_share_once()
    {
        var (till, member, purchase) = await Bought([Line("A", 1, 60m), Line("B", 1, 40m)], redeem: 1000, credit: 1000);
        Assert.Equal(0, await Available(member));
        Assert.Equal(90, await Pending(member));

        var first = await (await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "A", quantity = 1 } } })).Json(HttpStatusCode.Created);
        var all = await (await till.Post($"/v1/transactions/{purchase}/returns", new { })).Json(HttpStatusCode.Created);

        Assert.Equal(600, first.Long("pointsRefunded"));
        Assert.Equal(54, first.Long("pointsReversed"));
        Assert.Equal(400, all.Long("pointsRefunded"));
        Assert.Equal(36, all.Long("pointsReversed"));
        Assert.Equal(1000, await Available(member));
        Assert.Equal(0, await Pending(member));
        await (await till.Post($"/v1/transactions/{purchase}/returns", new { })).Problem(HttpStatusCode.UnprocessableEntity, "line_already_returned");
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task After_the_return_window_a_return_takes_the_points_from_the_available_balance()
    {
        var (till, member, purchase) = await Bought([Line("A", 1, 30m)]);
        App.Clock.Advance(TimeSpan.FromDays(15));
        await App.RunJob("activation");
        Assert.Equal(30, await Available(member));

        var ret = await (await till.Post($"/v1/transactions/{purchase}/returns", new { })).Json(HttpStatusCode.Created);

        Assert.Equal(30, ret.Long("reversedFromAvailable"));
        Assert.Equal(0, await Available(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Points_already_spent_are_clamped_to_zero_and_the_shortfall_recorded()
    {
        var (till, member, purchase) = await Bought([Line("A", 1, 200m)]);
        App.Clock.Advance(TimeSpan.FromDays(15));
        await App.RunJob("activation");
        await Purchase(till, member, [Line("B", 1, 100m)], redeemPoints: 150);
        Assert.Equal(50, await Available(member));

        var ret = await (await till.Post($"/v1/transactions/{purchase}/returns", new { })).Json(HttpStatusCode.Created);

        Assert.Equal(50, ret.Long("pointsReversed"));
        Assert.Equal(150, ret.Long("shortfall"));
        Assert.Equal(0, await Available(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_return_with_a_return_receipt_id_is_idempotent()
    {
        var (till, member, purchase) = await Bought([Line("A", 2, 10m)]);
        var body = new { externalId = Unique("RET"), lines = new[] { new { sku = "A", quantity = 1 } } };

        var first = await till.Post($"/v1/transactions/{purchase}/returns", body);
        var second = await till.Post($"/v1/transactions/{purchase}/returns", body);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(10, await Pending(member));
    }

    [Fact]
    public async Task Returning_a_sku_that_was_not_bought_is_refused()
    {
        var (till, member, purchase) = await Bought([Line("A", 1, 10m)]);

        var response = await till.Post($"/v1/transactions/{purchase}/returns", new { lines = new[] { new { sku = "Z", quantity = 1 } } });

        await response.Problem(HttpStatusCode.UnprocessableEntity, "line_not_in_purchase");
        Assert.Equal(10, await Pending(member));
    }

    [Fact]
    public async Task A_return_of_an_unknown_transaction_is_a_404()
    {
        var till = await Till();

        var response = await till.Post("/v1/transactions/txn_nope/returns", new { });

        await response.Problem(HttpStatusCode.NotFound, "transaction_not_found");
    }

    [Fact]
    public async Task A_return_naming_a_sku_twice_is_recorded_once_per_purchase_line()
    {
        var (till, member, purchase) = await Bought([Line("A", 3, 10m), Line("B", 1, 5m)]);

        var ret = await (await till.Post($"/v1/transactions/{purchase}/returns", new
        {
            lines = new[] { new { sku = "A", quantity = 1 }, new { sku = "A", quantity = 1 } },
            reason = "wrong size",
        })).Json(HttpStatusCode.Created);

        var line = Assert.Single(ret["lines"]!.AsArray());
        Assert.Equal(2m, (decimal)line!["quantity"]!);
        Assert.Equal(20, ret.Long("pointsReversed"));
        var stored = await App.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Returns, r => r.Id == (string)ret["id"]!, TestContext.Current.CancellationToken));
        Assert.Equal("wrong size", stored.Reason);
        Assert.Equal(15, await Pending(member));
    }
}

public sealed class ReturnOnSqlite(SqliteApp app) : ReturnSpec(app), IClassFixture<SqliteApp>;

public sealed class ReturnOnPostgres(PostgresApp app) : ReturnSpec(app), IClassFixture<PostgresApp>;
