using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// The program's base earn rate gives points like a rule and is named base_rate in every breakdown, so the rules list
/// shows it too: read-only, pointing at the program's settings. Its own fixture: the tests change the program's rate.
/// </summary>
public abstract class BaseRateSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<JsonNode> BaseRateInList() => (await Admin.GetJson("/v1/admin/rules")).AsArray().Single(r => (string?)r!["id"] == "base_rate")!;

    [Fact]
    public async Task The_rules_list_shows_the_base_rate_last_as_a_built_in_rule_that_the_program_settings_change()
    {
        await (await Admin.Post("/v1/admin/rules", new { id = "bakery_bonus", definition = new { name = "Bakery bonus", effects = new[] { new { type = "bonus", points = 5 } } } }))
            .Json(HttpStatusCode.Created);
        var listed = (await Admin.GetJson("/v1/admin/rules")).AsArray();
        var baseRate = await BaseRateInList();

        Assert.Equal("base_rate", (string?)listed[^1]!["id"]);
        Assert.True((bool)baseRate["builtIn"]!);
        Assert.Equal("active", (string?)baseRate["status"]);
        Assert.True((bool)baseRate["inForce"]!);
        Assert.Equal("Base rate: 1 points per EUR", (string?)baseRate["definition"]!["name"]);
        Assert.Contains("PATCH /v1/admin/program", (string?)baseRate["definition"]!["description"]);
        Assert.False((bool)listed.Single(r => (string?)r!["id"] == "bakery_bonus")!["builtIn"]!);
        Assert.Equal(baseRate.ToJsonString(), (await Admin.GetJson("/v1/admin/rules/base_rate")).ToJsonString());
        Assert.DoesNotContain((await Admin.GetJson("/v1/admin/rules?status=draft")).AsArray(), r => (string?)r!["id"] == "base_rate");

        await (await Admin.Patch("/v1/admin/program", new { earnRate = 2m })).Json(HttpStatusCode.OK);
        Assert.Equal("Base rate: 2 points per EUR", (string?)(await BaseRateInList())["definition"]!["name"]);

        await (await Admin.Patch("/v1/admin/program", new { earnRate = 0m })).Json(HttpStatusCode.OK);
        var off = await BaseRateInList();
        Assert.Equal("inactive", (string?)off["status"]);
        Assert.False((bool)off["inForce"]!);
    }

    [Theory]
    [InlineData("activate")]
    [InlineData("deactivate")]
    public async Task The_base_rate_cannot_be_switched_through_the_rules_api(string action)
    {
        var problem = await (await Admin.Post($"/v1/admin/rules/base_rate/{action}", new { })).Problem(HttpStatusCode.UnprocessableEntity, "built_in_rule");

        Assert.Contains("PATCH /v1/admin/program", (string?)problem["detail"]);
    }

    [Fact]
    public async Task The_base_rate_cannot_be_edited_through_the_rules_api()
    {
        var response = await Admin.PutAsJsonAsync("/v1/admin/rules/base_rate",
            new { definition = new { name = "More", effects = new[] { new { type = "points_per_amount", rate = 5 } } } }, TestContext.Current.CancellationToken);

        await response.Problem(HttpStatusCode.UnprocessableEntity, "built_in_rule");
    }
}

public sealed class BaseRateOnSqlite(SqliteApp app) : BaseRateSpec(app), IClassFixture<SqliteApp>;

public sealed class BaseRateOnPostgres(PostgresApp app) : BaseRateSpec(app), IClassFixture<PostgresApp>;
