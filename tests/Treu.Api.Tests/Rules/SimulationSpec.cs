using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// What if: a rule or campaign run against the real purchases of the last days, before anyone switches it on.
/// Each test simulates rules on a category only its own purchases carry, so its figures are exact whatever else
/// the database holds; only the number of transactions scanned grows with the other tests.
/// </summary>
public abstract class SimulationSpec(TreuApp app) : ApiSpec(app)
{
    private DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    private static object OnCategory(string category, object effect, string name = "What if", object? caps = null, string stacking = "stack") =>
        new { name, stacking, conditions = new object[] { new { type = "product", categories = new[] { category } } }, effects = new[] { effect }, caps };

    /// <summary>A purchase made some time ago: the simulation looks at the days before now.</summary>
    private async Task<JsonNode> PurchaseAgo(HttpClient till, string member, TimeSpan ago, params object[] lines) =>
        await (await till.Post("/v1/transactions", new { memberId = member, externalId = Unique("R"), currency = "EUR", occurredAt = Now - ago, lines }))
            .Json(HttpStatusCode.Created);

    private async Task<JsonNode> Simulate(object body, string url = "/v1/admin/rules/simulate") => await (await Admin.Post(url, body)).Json(HttpStatusCode.OK);

    /// <summary>Three members: two buy the category (one with other things beside it), one buys something else.</summary>
    private async Task<(string First, string Second, string Other)> ThreeBaskets(string category)
    {
        var till = await Till();
        var (first, second, other) = (await EnrolId(), await EnrolId(), await EnrolId());
        await PurchaseAgo(till, first, TimeSpan.FromHours(3), Line("APPLES", 2, 10m, category), Line("BREAD", 1, 5m, "bakery"));
        await PurchaseAgo(till, second, TimeSpan.FromHours(2), Line("PEARS", 1, 10m, category));
        await PurchaseAgo(till, other, TimeSpan.FromHours(1), Line("SOAP", 1, 30m, "drugstore"));
        return (first, second, other);
    }

    [Fact]
    public async Task A_draft_rule_says_whom_it_would_reach_and_what_it_would_cost()
    {
        var category = Unique("cat");
        await ThreeBaskets(category);

        var result = await Simulate(new { days = 7, definition = OnCategory(category, new { type = "multiplier", factor = 3 }, "Triple on the category") });

        Assert.True(result.Long("transactionsScanned") >= 3, $"scanned {result["transactionsScanned"]}");
        Assert.Equal(0, result.Long("eventsScanned"));
        Assert.Equal(2, result.Long("transactionsAffected"));
        Assert.Equal(2, result.Long("membersReached"));
        // (3 - 1) × the base points on the category's lines: 2 × 20 + 2 × 10.
        Assert.Equal(60, result.Long("extraPoints"));
        Assert.Equal(0.60m, (decimal)result["extraCost"]!);
        Assert.Equal(0m, (decimal)result["cashback"]!);
        Assert.Equal("EUR", (string?)result["currency"]);
        Assert.False((bool)result["truncated"]!);
        Assert.Equal(Now, (DateTime)result["to"]!, TimeSpan.FromSeconds(1));
        Assert.Equal(Now.AddDays(-7), (DateTime)result["from"]!, TimeSpan.FromSeconds(1));
        var rule = result["rules"]!.AsArray().Single()!;
        Assert.Equal("(draft)", (string?)rule["rule"]);
        Assert.Equal("Triple on the category", (string?)rule["name"]);
        Assert.Equal(2, rule.Long("transactions"));
        Assert.Equal(2, rule.Long("members"));
        Assert.Equal(60, rule.Long("points"));
        Assert.Null(rule["stoppedBecause"]);
    }

    [Fact]
    public async Task A_simulation_changes_nothing()
    {
        var category = Unique("cat");
        var (first, second, _) = await ThreeBaskets(category);
        var balances = (await Balance(first)).ToJsonString() + (await Balance(second)).ToJsonString();
        var ledgers = (await Admin.GetJson($"/v1/members/{first}/ledger")).ToJsonString() + (await Admin.GetJson($"/v1/members/{second}/ledger")).ToJsonString();
        var rules = (await Admin.GetJson("/v1/admin/rules")).ToJsonString();
        var audit = (await Admin.GetJson("/v1/admin/audit?limit=1000")).ToJsonString();

        await Simulate(new { definition = OnCategory(category, new { type = "bonus", points = 500 }, caps: new { budget = 600, perMemberPerDay = 400 }) });

        Assert.Equal(balances, (await Balance(first)).ToJsonString() + (await Balance(second)).ToJsonString());
        Assert.Equal(ledgers, (await Admin.GetJson($"/v1/members/{first}/ledger")).ToJsonString() + (await Admin.GetJson($"/v1/members/{second}/ledger")).ToJsonString());
        Assert.Equal(rules, (await Admin.GetJson("/v1/admin/rules")).ToJsonString());
        Assert.Equal(audit, (await Admin.GetJson("/v1/admin/audit?limit=1000")).ToJsonString());
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_budget_in_a_simulation_names_where_it_would_have_stopped_the_rule()
    {
        var category = Unique("cat");
        var till = await Till();
        var (first, second, third) = (await EnrolId(), await EnrolId(), await EnrolId());
        await PurchaseAgo(till, first, TimeSpan.FromHours(3), Line("A", 1, 10m, category));
        await PurchaseAgo(till, second, TimeSpan.FromHours(2), Line("A", 1, 10m, category));
        await PurchaseAgo(till, third, TimeSpan.FromHours(1), Line("A", 1, 10m, category));

        var result = await Simulate(new { days = 1, definition = OnCategory(category, new { type = "bonus", points = 100 }, caps: new { budget = 150 }) });

        // Oldest first: 100 to the first member, the last 50 to the second, nothing left for the third.
        Assert.Equal(150, result.Long("extraPoints"));
        Assert.Equal(1.50m, (decimal)result["extraCost"]!);
        Assert.Equal(2, result.Long("transactionsAffected"));
        Assert.Equal(2, result.Long("membersReached"));
        var rule = result["rules"]!.AsArray().Single()!;
        Assert.Equal(150, rule.Long("points"));
        Assert.Equal("capped at 50 by the campaign budget of 150", (string?)rule["stoppedBecause"]);
    }

    [Fact]
    public async Task An_exclusive_rule_that_gives_less_than_the_base_rate_shows_a_negative_cost()
    {
        var category = Unique("cat");
        var till = await Till();
        var member = await EnrolId();
        await PurchaseAgo(till, member, TimeSpan.FromHours(1), Line("A", 1, 10m, category));

        var result = await Simulate(new { days = 1, definition = OnCategory(category, new { type = "bonus", points = 4 }, stacking: "exclusive") });

        Assert.Equal(-6, result.Long("extraPoints"));
        Assert.Equal(-0.06m, (decimal)result["extraCost"]!);
        Assert.Equal(1, result.Long("transactionsAffected"));
        Assert.Equal(1, result.Long("membersReached"));
        Assert.Equal(4, result["rules"]![0]!.Long("points"));
    }

    [Fact]
    public async Task Only_purchases_within_the_days_asked_for_count()
    {
        var category = Unique("cat");
        var till = await Till();
        var member = await EnrolId();
        await PurchaseAgo(till, member, TimeSpan.FromDays(10), Line("A", 1, 10m, category));
        await PurchaseAgo(till, member, TimeSpan.FromDays(2), Line("A", 1, 20m, category));
        var definition = OnCategory(category, new { type = "points_per_amount", rate = 2, matchingLinesOnly = true });

        var week = await Simulate(new { days = 7, definition });
        var month = await Simulate(new { definition });
        var day = await Simulate(new { days = 1, definition });

        Assert.Equal(1, week.Long("transactionsAffected"));
        Assert.Equal(40, week.Long("extraPoints"));
        Assert.Equal(2, month.Long("transactionsAffected"));
        Assert.Equal(60, month.Long("extraPoints"));
        Assert.Equal(Now.AddDays(-30), (DateTime)month["from"]!, TimeSpan.FromSeconds(1));
        Assert.Equal(0, day.Long("transactionsAffected"));
        Assert.Equal(0, day.Long("membersReached"));
        Assert.Equal(0, day.Long("extraPoints"));
        Assert.Equal(0, day["rules"]![0]!.Long("points"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(366)]
    public async Task Days_out_of_range_are_refused(int days)
    {
        var id = Unique("stored");
        await (await Admin.Post("/v1/admin/rules", new { id, definition = OnCategory(Unique("cat"), new { type = "bonus", points = 5 }) })).Json(HttpStatusCode.Created);
        var campaign = Unique("cmp");
        await (await Admin.Post("/v1/admin/campaigns", new
        {
            id = campaign,
            name = "C",
            startsAt = Now,
            endsAt = Now.AddDays(1),
            rules = new[] { new { definition = OnCategory(Unique("cat"), new { type = "bonus", points = 5 }) } },
        })).Json(HttpStatusCode.Created);

        var draft = await Admin.Post("/v1/admin/rules/simulate", new { days, definition = OnCategory(Unique("cat"), new { type = "bonus", points = 5 }) });
        var stored = await Admin.Post($"/v1/admin/rules/{id}/simulate", new { days });
        var ofCampaign = await Admin.Post($"/v1/admin/campaigns/{campaign}/simulate", new { days });

        Assert.NotNull((await draft.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["days"]);
        Assert.NotNull((await stored.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["days"]);
        Assert.NotNull((await ofCampaign.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["days"]);
    }

    [Fact]
    public async Task A_draft_to_simulate_is_validated_like_a_rule_to_save()
    {
        var missing = await Admin.Post("/v1/admin/rules/simulate", new { days = 7 });
        var negative = await Admin.Post("/v1/admin/rules/simulate",
            new { definition = new { name = "Negative", effects = new[] { new { type = "points_per_amount", rate = -1 } } } });
        var typo = await Admin.PostRaw("/v1/admin/rules/simulate", """{"definition":{"name":"Typo","effects":[{"type":"bonus","points":5}],"cap":{"budget":10}}}""");

        Assert.NotNull((await missing.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["definition"]);
        Assert.NotNull((await negative.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["definition.effects[0].rate"]);
        Assert.Contains("cap", (string?)(await typo.Problem(HttpStatusCode.BadRequest, "malformed_json"))["detail"]);
    }

    [Fact]
    public async Task A_saved_rule_is_simulated_at_its_current_version_whatever_its_dates_and_status()
    {
        var category = Unique("cat");
        var (first, _, _) = await ThreeBaskets(category);
        await PurchaseAgo(await Till(), first, TimeSpan.FromMinutes(30), Line("APPLES", 1, 3m, category));
        var id = Unique("stored");
        // Not before next summer: the simulation lifts the rule's own dates to ask what it would have done now.
        object Definition(long points) => new
        {
            name = $"{points} extra",
            validFrom = new DateTime(2027, 6, 1, 0, 0, 0, DateTimeKind.Utc),
            validTo = new DateTime(2027, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            conditions = new[] { new { type = "product", categories = new[] { category } } },
            effects = new[] { new { type = "bonus", points } },
        };
        await (await Admin.Post("/v1/admin/rules", new { id, definition = Definition(5) })).Json(HttpStatusCode.Created);
        await (await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}", new { definition = Definition(10) }, TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);

        var result = await Simulate(new { days = 7 }, $"/v1/admin/rules/{id}/simulate");
        var withDefinition = await Admin.Post($"/v1/admin/rules/{id}/simulate", new { definition = Definition(99) });

        // Version 2's 10 points (not version 1's 5) on each of the three baskets with the category.
        var rule = result["rules"]!.AsArray().Single()!;
        Assert.Equal(id, (string?)rule["rule"]);
        Assert.Equal("10 extra", (string?)rule["name"]);
        Assert.Equal(3, result.Long("transactionsAffected"));
        Assert.Equal(2, result.Long("membersReached"));
        Assert.Equal(30, result.Long("extraPoints"));
        Assert.Equal(0.30m, (decimal)result["extraCost"]!);
        Assert.Equal(30, rule.Long("points"));
        Assert.Equal(2, rule.Long("members"));
        Assert.NotNull((await withDefinition.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["definition"]);
        var stored = await Admin.GetJson($"/v1/admin/rules/{id}");
        Assert.Equal("draft", (string?)stored["status"]);
        Assert.Equal(2, stored.Long("version"));
    }

    [Fact]
    public async Task An_active_rule_simulated_again_counts_in_full_not_as_nothing_extra()
    {
        var category = Unique("cat");
        var id = Unique("active");
        await (await Admin.Post("/v1/admin/rules", new { id, definition = OnCategory(category, new { type = "bonus", points = 25 }) })).Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/admin/rules/{id}/activate", new { })).Json(HttpStatusCode.OK);
        var till = await Till();
        var member = await EnrolId();
        var bought = await PurchaseAgo(till, member, TimeSpan.FromHours(1), Line("A", 1, 10m, category));

        var result = await Simulate(new { days = 1 }, $"/v1/admin/rules/{id}/simulate");

        Assert.Equal(35, bought.Long("earned.points"));
        Assert.Equal(25, result.Long("extraPoints"));
        Assert.Equal(1, result.Long("membersReached"));
        Assert.Equal(25, result["rules"]![0]!.Long("points"));
    }

    [Fact]
    public async Task A_campaign_is_simulated_rule_by_rule_before_it_is_switched_on()
    {
        var till = await Till();
        var (first, second, other) = (await EnrolId(), await EnrolId(), await EnrolId());
        var organic = Unique("cat");
        var wine = Unique("cat");
        await PurchaseAgo(till, first, TimeSpan.FromHours(3), Line("APPLES", 1, 10m, organic), Line("SOAP", 1, 5m, "drugstore"));
        await PurchaseAgo(till, second, TimeSpan.FromHours(2), Line("RIOJA", 1, 8m, wine));
        await PurchaseAgo(till, second, TimeSpan.FromHours(1), Line("RIOJA", 1, 8m, wine), Line("PEARS", 1, 4m, organic));
        await PurchaseAgo(till, other, TimeSpan.FromHours(1), Line("SOAP", 1, 30m, "drugstore"));
        var id = Unique("cmp");
        var x2 = Unique("x2");
        var bonus = Unique("bonus");
        await (await Admin.Post("/v1/admin/campaigns", new
        {
            id,
            name = "Next month",
            startsAt = Now.AddDays(10),
            endsAt = Now.AddDays(12),
            rules = new object[]
            {
                new { id = x2, definition = OnCategory(organic, new { type = "multiplier", factor = 2 }, "Double on organic") },
                new { id = bonus, definition = OnCategory(wine, new { type = "bonus", points = 20 }, "20 on wine") },
            },
        })).Json(HttpStatusCode.Created);

        var result = await Simulate(new { days = 7 }, $"/v1/admin/campaigns/{id}/simulate");

        // Double on organic: 10 + 4 base points doubled; 20 on each of the two wine baskets.
        Assert.Equal(54, result.Long("extraPoints"));
        Assert.Equal(0.54m, (decimal)result["extraCost"]!);
        Assert.Equal(3, result.Long("transactionsAffected"));
        Assert.Equal(2, result.Long("membersReached"));
        var rules = result["rules"]!.AsArray().ToDictionary(r => (string)r!["rule"]!);
        Assert.Equal(14, rules[x2]!.Long("points"));
        Assert.Equal(2, rules[x2]!.Long("transactions"));
        Assert.Equal(2, rules[x2]!.Long("members"));
        Assert.Equal(40, rules[bonus]!.Long("points"));
        Assert.Equal(2, rules[bonus]!.Long("transactions"));
        Assert.Equal(1, rules[bonus]!.Long("members"));
        Assert.Equal("draft", (string?)(await Admin.GetJson($"/v1/admin/campaigns/{id}"))["status"]);
    }

    [Fact]
    public async Task An_empty_campaign_has_nothing_to_simulate()
    {
        var id = Unique("cmp");
        await (await Admin.Post("/v1/admin/campaigns", new { id, name = "Empty", startsAt = Now, endsAt = Now.AddDays(1) })).Json(HttpStatusCode.Created);

        var response = await Admin.Post($"/v1/admin/campaigns/{id}/simulate", new { });

        await response.Problem(HttpStatusCode.UnprocessableEntity, "campaign_empty");
    }

    [Fact]
    public async Task An_event_rule_is_simulated_against_the_events_members_sent()
    {
        var type = Unique("review");
        var (first, second) = (await EnrolId(), await EnrolId());
        foreach (var (member, ago) in new[] { (first, 3), (first, 2), (second, 1) })
        {
            await (await Admin.Post($"/v1/members/{member}/events", new { type, externalId = Unique("E"), occurredAt = Now.AddHours(-ago) })).Json(HttpStatusCode.Created);
        }

        var result = await Simulate(new
        {
            days = 1,
            definition = new
            {
                name = "50 per review, once",
                trigger = "event",
                eventType = type,
                effects = new[] { new { type = "bonus", points = 50 } },
                caps = new { timesPerMember = 1 },
            },
        });

        Assert.Equal(3, result.Long("eventsScanned"));
        Assert.Equal(0, result.Long("transactionsScanned"));
        Assert.Equal(100, result.Long("extraPoints"));
        Assert.Equal(2, result.Long("membersReached"));
        Assert.Equal(2, result.Long("transactionsAffected"));
        var rule = result["rules"]!.AsArray().Single()!;
        Assert.Equal(100, rule.Long("points"));
        Assert.Equal("limit reached: 1 time(s) per member", (string?)rule["stoppedBecause"]);
    }
}

public sealed class SimulationOnSqlite(SqliteApp app) : SimulationSpec(app), IClassFixture<SqliteApp>;

public sealed class SimulationOnPostgres(PostgresApp app) : SimulationSpec(app), IClassFixture<PostgresApp>;
