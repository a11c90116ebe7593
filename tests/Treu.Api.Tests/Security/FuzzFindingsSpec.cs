using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Security;

/// <summary>What the fuzzer found, kept as plain specifications so it stays fixed whatever the seed.</summary>
public abstract class FuzzFindingsSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task A_rule_effect_without_its_type_is_a_400_not_a_server_error()
    {
        var response = await Admin.PostRaw("/v1/admin/rules",
            $$$"""{"id":"{{{Unique("untyped")}}}","definition":{"name":"No type","effects":[{"factor":2}]}}""");

        var problem = await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Contains("effects[0]", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_rule_condition_without_its_type_is_a_400_not_a_server_error()
    {
        var response = await Admin.PostRaw("/v1/admin/rules",
            $$$"""{"id":"{{{Unique("untyped")}}}","definition":{"name":"No type","conditions":[{"in":["store"]}],"effects":[{"type":"multiplier","factor":2}]}}""");

        await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task A_till_bound_to_one_store_neither_reads_nor_takes_back_another_stores_receipt()
    {
        var member = await EnrolId();
        var storeA = await Till("store-a");
        var storeB = await Till("store-b");
        var receipt = (string)(await Purchase(storeB, member, [Line("B-ONLY", 2, 10m)]))["id"]!;

        var read = await storeA.GetAsync($"/v1/transactions/{receipt}", TestContext.Current.CancellationToken);
        var taken = await storeA.Post($"/v1/transactions/{receipt}/returns", new { lines = new[] { new { sku = "B-ONLY", quantity = 1 } } });

        await read.Problem(HttpStatusCode.NotFound, "transaction_not_found");
        await taken.Problem(HttpStatusCode.NotFound, "transaction_not_found");
        await storeB.GetJson($"/v1/transactions/{receipt}");
        await Admin.GetJson($"/v1/transactions/{receipt}");
        Assert.Equal(20, await Pending(member));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-10_000_001L)]
    public async Task An_adjustment_beyond_the_bounds_is_a_400_and_changes_nothing(long points)
    {
        var member = await EnrolId();

        var response = await Admin.Post($"/v1/members/{member}/adjustments", new { points, reason = "overflow" });

        await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await Available(member));
    }
}

public sealed class FuzzFindingsOnSqlite(SqliteApp app) : FuzzFindingsSpec(app), IClassFixture<SqliteApp>;

public sealed class FuzzFindingsOnPostgres(PostgresApp app) : FuzzFindingsSpec(app), IClassFixture<PostgresApp>;
