using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Admin;

/// <summary>
/// The program's settings, changed through the admin API. These tests change what every purchase in their
/// database earns, so they have a class (and database) of their own and put the settings back when done.
/// </summary>
public abstract class ProgramSettingsSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<JsonNode> Settings() => await Admin.GetJson("/v1/admin/program");

    private async Task<JsonNode> Change(object patch) => await (await Admin.Patch("/v1/admin/program", patch)).Json(HttpStatusCode.OK);

    /// <summary>Runs a test under changed settings and puts the ones it touched back, pass or fail.</summary>
    private async Task Under(object patch, Func<JsonNode, Task> test)
    {
        var before = await Settings();
        try
        {
            await test(await Change(patch));
        }
        finally
        {
            await Change(new
            {
                earnRate = (decimal)before["earnRate"]!,
                pendingDays = (int)before["pendingDays"]!,
                excludedCategories = before["excludedCategories"]!.AsArray().Select(c => (string)c!).ToArray(),
                earnRounding = (string)before["earnRounding"]!,
            });
            var after = await Settings();
            after["updatedAt"] = before["updatedAt"]!.DeepClone();
            Assert.True(JsonNode.DeepEquals(before, after), $"settings not restored:\nbefore {before.ToJsonString()}\nafter  {after.ToJsonString()}");
        }
    }

    [Fact]
    public async Task The_program_starts_with_the_documented_defaults()
    {
        var program = await Settings();

        Assert.Equal(1m, (decimal)program["earnRate"]!);
        Assert.Equal("floor", (string?)program["earnRounding"]);
        Assert.Equal(14, (int)program["pendingDays"]!);
        Assert.Equal(24, (int?)program["expiryMonths"]);
        Assert.Equal(0.5m, (decimal)program["maxRedemptionShare"]!);
        Assert.Equal("clamp_to_zero", (string?)program["returnPolicy"]);
        Assert.Equal("EUR", (string?)program["currency"]);
    }

    [Fact]
    public async Task A_doubled_earn_rate_without_pending_days_gives_twice_the_points_at_once()
    {
        var till = await Till();
        var member = await EnrolId();

        await Under(new { earnRate = 2m, pendingDays = 0 }, async changed =>
        {
            Assert.Equal(2m, (decimal)changed["earnRate"]!);
            Assert.Equal(0, (int)changed["pendingDays"]!);
            Assert.Equal(2m, (decimal)(await Settings())["earnRate"]!);

            var purchase = await Purchase(till, member, [Line("COFFEE", 1, 12.50m)]);

            Assert.Equal(25, purchase.Long("earned.points"));
            Assert.Equal("available", (string?)purchase["earned"]!["status"]);
            Assert.Null((string?)purchase["earned"]!["availableAt"]);
            Assert.Equal(25, await Available(member));
            Assert.Equal(0, await Pending(member));
        });

        var later = await Purchase(till, member, [Line("COFFEE", 1, 12.50m)]);
        Assert.Equal(12, later.Long("earned.points"));
        Assert.Equal("pending", (string?)later["earned"]!["status"]);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Fewer_pending_days_make_the_points_available_sooner()
    {
        var till = await Till();
        var member = await EnrolId();

        await Under(new { pendingDays = 3 }, async _ =>
        {
            var purchase = await Purchase(till, member, [Line("SHOE", 1, 40m)]);

            var availableAt = DateTime.Parse((string)purchase["earned"]!["availableAt"]!, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal);
            Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddDays(3), availableAt, TimeSpan.FromSeconds(1));
            Assert.Equal(40, await Pending(member));
        });
    }

    [Fact]
    public async Task Rounding_and_excluded_categories_apply_to_the_next_purchase()
    {
        var till = await Till();
        var member = await EnrolId();

        await Under(new { earnRate = 1.5m, earnRounding = "ceiling", excludedCategories = new[] { " Tobacco ", "gift_card" } }, async changed =>
        {
            Assert.Equal(new[] { "tobacco", "gift_card" }, changed["excludedCategories"]!.AsArray().Select(c => (string?)c));

            var purchase = await Purchase(till, member, [Line("BREAD", 1, 3m), Line("CIGS", 1, 8m, "tobacco")]);

            Assert.Equal(5, purchase.Long("earned.points")); // 3 EUR × 1.5 = 4.5, rounded up
            Assert.Contains("tobacco", (string?)purchase["lines"]![1]!["excludedBecause"]);
        });
    }

    [Fact]
    public async Task Impossible_settings_are_refused_field_by_field_and_change_nothing()
    {
        var before = await Settings();

        var response = await Admin.Patch("/v1/admin/program", new
        {
            name = "Changed on the way",
            earnRate = -1m,
            maxRedemptionShare = 2m,
            returnPolicy = "give_everything_back",
            pendingDays = 400,
            earnRounding = "sideways",
        });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(new[] { "earnRate", "earnRounding", "maxRedemptionShare", "pendingDays", "returnPolicy" }, errors.Select(e => e.Key).Order());
        Assert.Contains("allow_negative", errors["returnPolicy"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(before, await Settings()), "a refused PATCH changed the program");
    }

    [Fact]
    public async Task The_brand_and_supports_limit_change_and_a_logo_can_be_removed_again()
    {
        const string logo = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=";
        var before = await Settings();
        try
        {
            var changed = await Change(new { brandColour = "#2E7D32", logo, supportAdjustmentLimit = 250 });

            Assert.Equal("#2e7d32", (string?)changed["brandColour"]);
            Assert.Equal(logo, (string?)changed["logo"]);
            Assert.Equal(250, (long)changed["supportAdjustmentLimit"]!);
            Assert.Null((await Change(new { logo = "" }))["logo"]);
        }
        finally
        {
            await Change(new { brandColour = (string)before["brandColour"]!, supportAdjustmentLimit = (long)before["supportAdjustmentLimit"]! });
        }
    }

    [Theory]
    [InlineData("brandColour", "red")]
    [InlineData("logo", "https://cdn.example/logo.png")]
    [InlineData("logo", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("supportAdjustmentLimit", -1)]
    public async Task A_brand_that_is_no_colour_or_image_is_refused_and_changes_nothing(string field, object value)
    {
        var before = await Settings();

        var response = await Admin.Patch("/v1/admin/program", new Dictionary<string, object> { [field] = value });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]![field]);
        Assert.True(JsonNode.DeepEquals(before, await Settings()), "a refused PATCH changed the program");
    }

    [Fact]
    public async Task An_unknown_setting_is_refused_rather_than_ignored()
    {
        var before = await Settings();

        var response = await Admin.Patch("/v1/admin/program", new { earnRate = 3m, pointsPerEuro = 3 });

        await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.True(JsonNode.DeepEquals(before, await Settings()), "a refused PATCH changed the program");
    }

    [Fact]
    public async Task Only_an_admin_may_read_or_change_the_program()
    {
        var before = await Settings();

        foreach (var scope in new[] { "pos", "ecommerce", "app" })
        {
            var client = await App.ClientWithScope(scope);
            await (await client.Patch("/v1/admin/program", new { earnRate = 100m })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
            await (await client.GetAsync("/v1/admin/program", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        }

        Assert.True(JsonNode.DeepEquals(before, await Settings()), "a refused PATCH changed the program");
    }
}

public sealed class ProgramSettingsOnSqlite(SqliteApp app) : ProgramSettingsSpec(app), IClassFixture<SqliteApp>;

public sealed class ProgramSettingsOnPostgres(PostgresApp app) : ProgramSettingsSpec(app), IClassFixture<PostgresApp>;
