using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// Campaigns: time-boxed sets of rules switched on and off together. Each test's rules name a category only that
/// test buys, so the campaigns of one test never touch another's purchases.
/// </summary>
public abstract class CampaignSpec(TreuApp app) : ApiSpec(app)
{
    private DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    private static object TripleOn(string category, string? id = null) =>
        new
        {
            id,
            definition = new
            {
                name = "Triple points",
                conditions = new[] { new { type = "product", categories = new[] { category } } },
                effects = new[] { new { type = "multiplier", factor = 3 } },
            },
        };

    private static object BonusOn(string category, long points, string? id = null) =>
        new
        {
            id,
            definition = new
            {
                name = $"{points} extra",
                conditions = new[] { new { type = "product", categories = new[] { category } } },
                effects = new[] { new { type = "bonus", points } },
            },
        };

    private static object Campaign(string id, DateTime startsAt, DateTime endsAt, params object[] rules) =>
        new { id, name = "Double points weekend", description = "Second advent weekend", startsAt, endsAt, rules };

    private async Task<JsonNode> Create(object body) => await (await Admin.Post("/v1/admin/campaigns", body)).Json(HttpStatusCode.Created);

    private async Task<JsonNode> Switch(string id, string to) => await (await Admin.Post($"/v1/admin/campaigns/{id}/{to}", new { })).Json(HttpStatusCode.OK);

    private async Task<JsonNode> Read(string id) => await Admin.GetJson($"/v1/admin/campaigns/{id}");

    private async Task<JsonNode> PurchaseAt(HttpClient till, string member, DateTime occurredAt, params object[] lines) =>
        await (await till.Post("/v1/transactions", new { memberId = member, externalId = Unique("R"), currency = "EUR", occurredAt, lines })).Json(HttpStatusCode.Created);

    private static JsonNode? StepOf(JsonNode purchase, string rule) => purchase["breakdown"]!.AsArray().SingleOrDefault(s => (string?)s!["rule"] == rule);

    [Fact]
    public async Task A_campaign_and_its_rules_start_as_drafts_and_count_once_it_is_activated_within_its_dates()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        var rule = Unique("x3");

        var created = await Create(Campaign(id, Now.AddDays(-1), Now.AddDays(7), TripleOn(category, rule)));
        var listed = (await Admin.GetJson($"/v1/admin/rules?campaignId={id}")).AsArray();
        var asDraft = await Purchase(till, member, [Line("A", 1, 10m, category)]);
        var activated = await Switch(id, "activate");
        var active = await Purchase(till, member, [Line("A", 1, 10m, category), Line("B", 1, 5m, "bakery")]);

        Assert.Equal(id, (string?)created["id"]);
        Assert.Equal("Double points weekend", (string?)created["name"]);
        Assert.Equal("Second advent weekend", (string?)created["description"]);
        Assert.Equal(Now.AddDays(-1), (DateTime)created["startsAt"]!, TimeSpan.FromSeconds(1));
        Assert.Equal(Now.AddDays(7), (DateTime)created["endsAt"]!, TimeSpan.FromSeconds(1));
        Assert.Equal("draft", (string?)created["status"]);
        Assert.False((bool)created["inForce"]!);
        var draftRule = created["rules"]!.AsArray().Single()!;
        Assert.Equal(rule, (string?)draftRule["id"]);
        Assert.Equal("draft", (string?)draftRule["status"]);
        Assert.Equal(id, (string?)draftRule["campaignId"]);
        Assert.Equal(1, draftRule.Long("version"));
        Assert.Equal(rule, (string?)listed.Single()!["id"]);
        Assert.Equal(10, asDraft.Long("earned.points"));

        Assert.Equal("active", (string?)activated["status"]);
        Assert.True((bool)activated["inForce"]!);
        Assert.Equal("active", (string?)activated["rules"]![0]!["status"]);
        Assert.True((bool)activated["rules"]![0]!["inForce"]!);
        Assert.Equal(35, active.Long("earned.points"));
        Assert.Equal(20, StepOf(active, rule)!.Long("points"));
        Assert.Equal(1, StepOf(active, rule)!.Long("version"));
        var read = await Read(id);
        Assert.Equal("active", (string?)read["status"]);
        Assert.True((bool)read["rules"]![0]!["inForce"]!);
    }

    [Fact]
    public async Task A_purchase_outside_the_campaign_window_does_not_earn_it_even_while_it_is_active()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        var rule = Unique("x3");
        await Create(Campaign(id, Now.AddHours(-1), Now.AddDays(7), TripleOn(category, rule)));
        await Switch(id, "activate");

        var before = await PurchaseAt(till, member, Now.AddHours(-2), Line("A", 1, 10m, category));
        var atStart = await PurchaseAt(till, member, Now.AddHours(-1), Line("A", 1, 10m, category));
        var during = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        Assert.Equal(10, before.Long("earned.points"));
        Assert.Null(StepOf(before, rule));
        Assert.Equal(30, atStart.Long("earned.points"));
        Assert.Equal(30, during.Long("earned.points"));
    }

    [Fact]
    public async Task A_till_that_syncs_late_earns_an_ended_campaign_on_a_purchase_made_during_it()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        var rule = Unique("bonus");
        await Create(Campaign(id, Now.AddDays(-10), Now.AddDays(-5), BonusOn(category, 40, rule)));

        var activated = await Switch(id, "activate");
        var during = await PurchaseAt(till, member, Now.AddDays(-7), Line("A", 1, 10m, category));
        var atEnd = await PurchaseAt(till, member, Now.AddDays(-5), Line("A", 1, 10m, category));
        var now = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        Assert.Equal("active", (string?)activated["status"]);
        Assert.False((bool)activated["inForce"]!);
        Assert.False((bool)activated["rules"]![0]!["inForce"]!);
        Assert.Equal(50, during.Long("earned.points"));
        Assert.Equal(40, StepOf(during, rule)!.Long("points"));
        Assert.Equal(10, atEnd.Long("earned.points"));
        Assert.Equal(10, now.Long("earned.points"));
    }

    [Fact]
    public async Task A_campaign_that_starts_later_counts_nothing_now_and_says_when_it_starts_until_its_dates_are_moved()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        var rule = Unique("bonus");
        var startsAt = Now.AddDays(2);
        await Create(Campaign(id, startsAt, Now.AddDays(4), BonusOn(category, 40, rule)));

        var activated = await Switch(id, "activate");
        var preview = await (await till.Post("/v1/transactions/preview", Basket(member, "PREVIEW", [Line("A", 1, 10m, category)]))).Json(HttpStatusCode.OK);
        var early = await Purchase(till, member, [Line("A", 1, 10m, category)]);
        var moved = await (await Admin.PutAsJsonAsync($"/v1/admin/campaigns/{id}",
                new { name = "Double points weekend, brought forward", startsAt = Now.AddHours(-1), endsAt = Now.AddDays(1) }, TestContext.Current.CancellationToken))
            .Json(HttpStatusCode.OK);
        var afterMove = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        Assert.Equal("active", (string?)activated["status"]);
        Assert.False((bool)activated["inForce"]!);
        Assert.Equal("active", (string?)activated["rules"]![0]!["status"]);
        Assert.False((bool)activated["rules"]![0]!["inForce"]!);
        Assert.Equal($"starts on {startsAt:yyyy-MM-dd HH:mm} UTC", (string?)StepOf(preview, rule)!["notAppliedBecause"]);
        Assert.Equal(10, early.Long("earned.points"));

        Assert.Equal("Double points weekend, brought forward", (string?)moved["name"]);
        Assert.Null(moved["description"]);
        Assert.Equal(Now.AddHours(-1), (DateTime)moved["startsAt"]!, TimeSpan.FromSeconds(1));
        Assert.Equal(Now.AddDays(1), (DateTime)moved["endsAt"]!, TimeSpan.FromSeconds(1));
        Assert.True((bool)moved["inForce"]!);
        Assert.True((bool)moved["rules"]![0]!["inForce"]!);
        Assert.Equal(50, afterMove.Long("earned.points"));
        Assert.Equal(Now.AddDays(1), (DateTime)(await Read(id))["endsAt"]!, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Deactivating_a_campaign_stops_its_rules_though_they_stay_active()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        var rule = Unique("x3");
        await Create(Campaign(id, Now.AddDays(-1), Now.AddDays(7), TripleOn(category, rule)));
        await Switch(id, "activate");
        var whileOn = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        var deactivated = await Switch(id, "deactivate");
        var afterwards = await Purchase(till, member, [Line("A", 1, 10m, category)]);
        var ruleView = await Admin.GetJson($"/v1/admin/rules/{rule}");

        Assert.Equal(30, whileOn.Long("earned.points"));
        Assert.Equal("inactive", (string?)deactivated["status"]);
        Assert.False((bool)deactivated["inForce"]!);
        Assert.Equal("active", (string?)deactivated["rules"]![0]!["status"]);
        Assert.False((bool)deactivated["rules"]![0]!["inForce"]!);
        Assert.Equal("active", (string?)ruleView["status"]);
        Assert.False((bool)ruleView["inForce"]!);
        Assert.Equal(10, afterwards.Long("earned.points"));
        Assert.Null(StepOf(afterwards, rule));

        // Switched on again, its rules count again.
        await Switch(id, "activate");
        Assert.Equal(30, (await Purchase(till, member, [Line("A", 1, 10m, category)])).Long("earned.points"));
    }

    [Fact]
    public async Task A_rule_joins_a_campaign_later_with_campaign_id_and_counts_only_with_it()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("cmp");
        await Create(Campaign(id, Now.AddDays(-1), Now.AddDays(7)));
        var rule = Unique("late");

        var joined = await (await Admin.Post("/v1/admin/rules", new
        {
            id = rule,
            campaignId = id,
            definition = new
            {
                name = "Late",
                conditions = new[] { new { type = "product", categories = new[] { category } } },
                effects = new[] { new { type = "bonus", points = 15 } },
            },
        })).Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/admin/rules/{rule}/activate", new { })).Json(HttpStatusCode.OK);
        var campaignOff = await Purchase(till, member, [Line("A", 1, 10m, category)]);
        await Switch(id, "activate");
        var campaignOn = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        Assert.Equal(id, (string?)joined["campaignId"]);
        Assert.Equal(rule, (string?)(await Read(id))["rules"]!.AsArray().Single()!["id"]);
        Assert.Equal(10, campaignOff.Long("earned.points"));
        Assert.Equal(25, campaignOn.Long("earned.points"));
    }

    [Fact]
    public async Task An_empty_campaign_cannot_be_switched_on()
    {
        var id = Unique("cmp");
        await Create(Campaign(id, Now, Now.AddDays(1)));

        var response = await Admin.Post($"/v1/admin/campaigns/{id}/activate", new { });

        await response.Problem(HttpStatusCode.UnprocessableEntity, "campaign_empty");
        var read = await Read(id);
        Assert.Equal("draft", (string?)read["status"]);
        Assert.Empty(read["rules"]!.AsArray());
        Assert.Equal(["campaign.created"], (await Admin.GetJson($"/v1/admin/audit?targetType=campaign&targetId={id}")).AsArray().Select(e => (string?)e!["action"]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_campaign_must_end_after_it_starts(int hours)
    {
        var id = Unique("cmp");
        var startsAt = Now.AddDays(1);
        var existing = Unique("cmp");
        await Create(Campaign(existing, Now, Now.AddDays(1)));

        var created = await Admin.Post("/v1/admin/campaigns", Campaign(id, startsAt, startsAt.AddHours(hours), BonusOn(Unique("cat"), 10)));
        var updated = await Admin.PutAsJsonAsync($"/v1/admin/campaigns/{existing}", new { name = "Backwards", startsAt, endsAt = startsAt.AddHours(hours) },
            TestContext.Current.CancellationToken);

        Assert.NotNull((await created.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["endsAt"]);
        Assert.NotNull((await updated.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["endsAt"]);
        await (await Admin.GetAsync($"/v1/admin/campaigns/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        Assert.Equal("Double points weekend", (string?)(await Read(existing))["name"]);
    }

    [Fact]
    public async Task A_campaign_names_every_problem_including_those_of_its_rules()
    {
        var id = Unique("cmp");
        var rules = (await Admin.GetJson("/v1/admin/rules")).ToJsonString();

        var response = await Admin.Post("/v1/admin/campaigns", new
        {
            id,
            name = "",
            startsAt = Now,
            rules = new object[]
            {
                new { definition = new { name = "Half", effects = new[] { new { type = "multiplier", factor = 0.5m } } } },
                new { campaignId = "other", definition = new { name = "Fine", effects = new[] { new { type = "bonus", points = 5 } } } },
            },
        });

        var errors = (await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!.AsObject();
        Assert.Equal(["endsAt", "name", "rules[0].definition.effects[0].factor", "rules[1].campaignId"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        await (await Admin.GetAsync($"/v1/admin/campaigns/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        Assert.Equal(rules, (await Admin.GetJson("/v1/admin/rules")).ToJsonString());
    }

    [Fact]
    public async Task A_campaign_whose_rule_id_is_taken_is_refused_whole()
    {
        var taken = Unique("taken");
        await (await Admin.Post("/v1/admin/rules", BonusOn(Unique("cat"), 5, taken))).Json(HttpStatusCode.Created);
        var id = Unique("cmp");
        var fresh = Unique("fresh");

        var response = await Admin.Post("/v1/admin/campaigns", Campaign(id, Now, Now.AddDays(1), BonusOn(Unique("cat"), 10, fresh), BonusOn(Unique("cat"), 10, taken)));

        var problem = await response.Problem(HttpStatusCode.Conflict, "rule_exists");
        Assert.Contains(taken, (string?)problem["errors"]!["rules[1].id"]![0]);
        await (await Admin.GetAsync($"/v1/admin/campaigns/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.GetAsync($"/v1/admin/rules/{fresh}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "rule_not_found");
        Assert.Null((await Admin.GetJson($"/v1/admin/rules/{taken}"))["campaignId"]);
        Assert.Empty((await Admin.GetJson($"/v1/admin/audit?targetId={id}")).AsArray());
    }

    [Fact]
    public async Task A_campaign_cannot_mix_multipliers_and_points_in_one_best_of_group()
    {
        var id = Unique("cmp");
        var group = Unique("grp");
        var category = Unique("cat");
        var conditions = new[] { new { type = "product", categories = new[] { category } } };

        var response = await Admin.Post("/v1/admin/campaigns", Campaign(id, Now, Now.AddDays(1),
            new
            {
                id = Unique("mult"),
                definition = new { name = "Double", stacking = "best_of_group", group, conditions, effects = new[] { new { type = "multiplier", factor = 2 } } },
            },
            new
            {
                id = Unique("pts"),
                definition = new { name = "Bonus", stacking = "best_of_group", group, conditions, effects = new[] { new { type = "bonus", points = 50 } } },
            }));

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(group, (string?)problem["errors"]!["rules[1].definition.group"]![0]);
        await (await Admin.GetAsync($"/v1/admin/campaigns/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
    }

    [Fact]
    public async Task A_campaign_id_is_taken_once()
    {
        var id = Unique("cmp");
        await Create(Campaign(id, Now, Now.AddDays(1)));

        var again = await Admin.Post("/v1/admin/campaigns", Campaign(id, Now, Now.AddDays(2)));

        await again.Problem(HttpStatusCode.Conflict, "campaign_exists");
        Assert.Equal(Now.AddDays(1), (DateTime)(await Read(id))["endsAt"]!, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_campaign_without_an_id_gets_one_and_is_listed()
    {
        var created = await Create(new { name = "Nameless", startsAt = Now, endsAt = Now.AddDays(1) });

        var id = (string)created["id"]!;
        var list = (await Admin.GetJson("/v1/admin/campaigns")).AsArray();

        Assert.StartsWith("cmp_", id);
        Assert.Contains(list, c => (string?)c!["id"] == id && (string?)c["name"] == "Nameless");
    }

    [Fact]
    public async Task A_campaigns_rules_cannot_be_replaced_through_the_campaign()
    {
        var id = Unique("cmp");
        await Create(Campaign(id, Now, Now.AddDays(1), BonusOn(Unique("cat"), 10)));

        var response = await Admin.PutAsJsonAsync($"/v1/admin/campaigns/{id}", Campaign(id, Now, Now.AddDays(1), BonusOn(Unique("cat"), 99)),
            TestContext.Current.CancellationToken);

        Assert.NotNull((await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["rules"]);
        Assert.Equal(10, (await Read(id))["rules"]![0]!["definition"]!["effects"]![0]!.Long("points"));
    }

    [Fact]
    public async Task An_unknown_campaign_is_a_404_on_every_endpoint()
    {
        var id = Unique("nope");
        var body = new { name = "x", startsAt = Now, endsAt = Now.AddDays(1) };

        await (await Admin.GetAsync($"/v1/admin/campaigns/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.PutAsJsonAsync($"/v1/admin/campaigns/{id}", body, TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.Post($"/v1/admin/campaigns/{id}/activate", new { })).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.Post($"/v1/admin/campaigns/{id}/deactivate", new { })).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.Post($"/v1/admin/campaigns/{id}/simulate", new { })).Problem(HttpStatusCode.NotFound, "campaign_not_found");
    }

    [Fact]
    public async Task Every_change_to_a_campaign_is_audited_and_switching_it_on_audits_its_rules()
    {
        var id = Unique("cmp");
        var rule = Unique("x3");
        await Create(Campaign(id, Now.AddDays(1), Now.AddDays(2), TripleOn(Unique("cat"), rule)));
        await (await Admin.PutAsJsonAsync($"/v1/admin/campaigns/{id}", new { name = "Renamed", startsAt = Now.AddDays(1), endsAt = Now.AddDays(3) },
            TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        await Switch(id, "activate");
        await Switch(id, "deactivate");

        var campaign = (await Admin.GetJson($"/v1/admin/audit?targetType=campaign&targetId={id}")).AsArray();
        var rules = (await Admin.GetJson($"/v1/admin/audit?targetType=rule&targetId={rule}")).AsArray();

        Assert.Equal(["campaign.deactivated", "campaign.activated", "campaign.updated", "campaign.created"], campaign.Select(e => (string?)e!["action"]));
        Assert.All(campaign, e => Assert.StartsWith("api_key:", (string?)e!["actor"]));
        Assert.Equal("Renamed", (string?)campaign[2]!["details"]!["name"]);
        Assert.Equal(Now.AddDays(3), (DateTime)campaign[2]!["details"]!["endsAt"]!, TimeSpan.FromSeconds(1));
        Assert.Equal("draft", (string?)campaign[1]!["details"]!["from"]);
        Assert.Equal("active", (string?)campaign[1]!["details"]!["to"]);
        Assert.Equal(["rule.activated", "rule.created"], rules.Select(e => (string?)e!["action"]));
        Assert.Equal(id, (string?)rules[1]!["details"]!["campaignId"]);
    }
}

public sealed class CampaignOnSqlite(SqliteApp app) : CampaignSpec(app), IClassFixture<SqliteApp>;

public sealed class CampaignOnPostgres(PostgresApp app) : CampaignSpec(app), IClassFixture<PostgresApp>;
