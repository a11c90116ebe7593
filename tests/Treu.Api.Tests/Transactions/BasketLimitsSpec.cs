using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Transactions;

/// <summary>
/// What a basket line may hold: quantities from 0.001 with at most three decimals, prices and discounts in the
/// currency's smallest unit (cents for EUR), and a priced line worth at least that unit. Each refusal names only what
/// is wrong, on a purchase and on its preview alike.
/// </summary>
public abstract class BasketLimitsSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<(HttpResponseMessage Purchase, HttpResponseMessage Preview, string Member)> Send(object line)
    {
        var member = await EnrolId();
        var purchase = await Admin.Post("/v1/transactions", Basket(member, Unique("R"), [line]));
        var preview = await Admin.Post("/v1/transactions/preview", Basket(member, Unique("R"), [line]));
        return (purchase, preview, member);
    }

    private async Task AssertRefusedOnly(object line, string field, string mentions)
    {
        var (purchase, preview, member) = await Send(line);

        foreach (var response in new[] { purchase, preview })
        {
            var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
            var errors = problem["errors"]!.AsObject();
            Assert.Equal([field], errors.Select(e => e.Key));
            Assert.Contains(mentions, errors[field]![0]!.ToString());
        }

        Assert.Equal(0, await Pending(member));
    }

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("0.0009")]
    [InlineData("1.2345")]
    public async Task A_quantity_below_a_thousandth_or_finer_than_one_is_refused(string quantity) =>
        await AssertRefusedOnly(
            new { sku = "CHEESE", quantity = decimal.Parse(quantity, System.Globalization.CultureInfo.InvariantCulture), unitPrice = 20m }, "lines[0].quantity", "0.001");

    [Theory]
    [InlineData("8.999")]
    [InlineData("0.001")]
    public async Task A_price_finer_than_a_cent_is_refused(string price) =>
        await AssertRefusedOnly(
            new { sku = "A", quantity = 1m, unitPrice = decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture) }, "lines[0].unitPrice", "2 decimal");

    [Fact]
    public async Task A_discount_finer_than_a_cent_is_refused() =>
        await AssertRefusedOnly(new { sku = "A", quantity = 1m, unitPrice = 10m, discount = 0.005m }, "lines[0].discount", "2 decimal");

    [Fact]
    public async Task A_priced_line_worth_less_than_a_cent_is_refused() =>
        await AssertRefusedOnly(new { sku = "SALT", quantity = 0.001m, unitPrice = 0.01m }, "lines[0]", "0.01");

    [Fact]
    public async Task A_negative_price_is_the_only_error_reported_when_no_discount_was_sent() =>
        await AssertRefusedOnly(new { sku = "A", quantity = 1m, unitPrice = -5m }, "lines[0].unitPrice", "between 0");

    [Fact]
    public async Task Goods_by_weight_at_the_smallest_quantity_and_free_lines_are_recorded()
    {
        var member = await EnrolId();

        var result = await Purchase(Admin, member, [
            new { sku = "SAFFRON", quantity = 0.001m, unitPrice = 2500m },
            new { sku = "CHEESE", quantity = 0.125m, unitPrice = 23.90m },
            new { sku = "SAMPLE", quantity = 1m, unitPrice = 0m },
            new { sku = "TRAILING", quantity = 2.500m, unitPrice = 1.990m, discount = 0.100m },
        ]);

        var lines = result["lines"]!.AsArray();
        Assert.Equal(2.50m, (decimal)lines[0]!["netAmount"]!);
        Assert.Equal(2.99m, (decimal)lines[1]!["netAmount"]!);
        Assert.Equal(0m, (decimal)lines[2]!["netAmount"]!);
        Assert.Equal(4.88m, (decimal)lines[3]!["netAmount"]!);
        Assert.Equal(10.37m, (decimal)result["total"]!);
    }
}

public sealed class BasketLimitsOnSqlite(SqliteApp app) : BasketLimitsSpec(app), IClassFixture<SqliteApp>;

public sealed class BasketLimitsOnPostgres(PostgresApp app) : BasketLimitsSpec(app), IClassFixture<PostgresApp>;
