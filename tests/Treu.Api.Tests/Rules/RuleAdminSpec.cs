using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// A loyalty manager's earning rules through the admin API: drafts, switching on and off, versions, budgets and
/// the audit trail. Every rule switched on here names a category only its own test buys, so tests keep apart.
/// </summary>
public abstract class RuleAdminSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>A rule that only touches baskets with a line in <paramref name="category"/>.</summary>
    private static object OnCategory(string category, object effect, string? name = null, object? caps = null, string stacking = "stack", string? group = null) =>
        new
        {
            name = name ?? $"On {category}",
            stacking,
            group,
            conditions = new object[] { new { type = "product", categories = new[] { category } } },
            effects = new[] { effect },
            caps,
        };

    private async Task<JsonNode> CreateRule(object body) => await (await Admin.Post("/v1/admin/rules", body)).Json(HttpStatusCode.Created);

    private async Task<JsonNode> Switch(string id, string to) => await (await Admin.Post($"/v1/admin/rules/{id}/{to}", new { })).Json(HttpStatusCode.OK);

    private async Task<JsonNode> Rule(string id) => await Admin.GetJson($"/v1/admin/rules/{id}");

    private async Task<string> AllRules() => (await Admin.GetJson("/v1/admin/rules")).ToJsonString();

    private static JsonNode? StepOf(JsonNode purchase, string rule) => purchase["breakdown"]!.AsArray().SingleOrDefault(s => (string?)s!["rule"] == rule);

    /// <summary>The id of the API key a client calls with, as the audit names it.</summary>
    private async Task<string> KeyIdOf(string secret)
    {
        var keys = (await Admin.GetJson("/v1/admin/api-keys")).AsArray();
        return (string)keys.Single(k => (string?)k!["prefix"] == secret[..12])!["id"]!;
    }

    [Fact]
    public async Task A_draft_counts_nowhere_until_activated_and_stops_counting_when_deactivated()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("double");
        object[] basket = [Line("APPLES", 2, 7.50m, category), Line("BREAD", 1, 5m, "bakery")];

        var created = await CreateRule(new { id, definition = OnCategory(category, new { type = "multiplier", factor = 2 }, "Double points on the category") });
        var asDraft = await Purchase(till, member, basket);
        var activated = await Switch(id, "activate");
        var whileActive = await Purchase(till, member, basket);
        var deactivated = await Switch(id, "deactivate");
        var afterwards = await Purchase(till, member, basket);

        Assert.Equal(id, (string?)created["id"]);
        Assert.Equal("draft", (string?)created["status"]);
        Assert.Equal(1, created.Long("version"));
        Assert.False((bool)created["inForce"]!);
        Assert.Null(created["campaignId"]);
        Assert.Null(created["budget"]);
        Assert.Equal("Double points on the category", (string?)created["definition"]!["name"]);
        Assert.Equal("multiplier", (string?)created["definition"]!["effects"]![0]!["type"]);

        Assert.Equal(20, asDraft.Long("earned.points"));
        Assert.Null(StepOf(asDraft, id));

        Assert.Equal("active", (string?)activated["status"]);
        Assert.True((bool)activated["inForce"]!);
        Assert.Equal(35, whileActive.Long("earned.points"));
        var step = StepOf(whileActive, id)!;
        Assert.Equal(1, step.Long("version"));
        Assert.Equal(15, step.Long("points"));
        Assert.Equal("Double points on the category", (string?)step["name"]);
        var line = step["lines"]!.AsArray().Single()!;
        Assert.Equal(1, line.Long("lineNo"));
        Assert.Equal(15, line.Long("points"));
        Assert.Equal(20, StepOf(whileActive, "base_rate")!.Long("points"));

        Assert.Equal("inactive", (string?)deactivated["status"]);
        Assert.False((bool)deactivated["inForce"]!);
        Assert.Equal(20, afterwards.Long("earned.points"));
        Assert.Null(StepOf(afterwards, id));
        Assert.Equal(75, await Pending(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_preview_does_not_list_a_draft_and_lists_an_active_rule_that_gives_nothing_with_the_reason()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("bonus");
        await CreateRule(new { id, definition = OnCategory(category, new { type = "bonus", points = 40 }) });
        var basket = Basket(member, "PREVIEW", [Line("BREAD", 1, 5m, "bakery")]);

        var asDraft = await (await till.Post("/v1/transactions/preview", basket)).Json(HttpStatusCode.OK);
        await Switch(id, "activate");
        var whileActive = await (await till.Post("/v1/transactions/preview", basket)).Json(HttpStatusCode.OK);

        Assert.Null(StepOf(asDraft, id));
        var step = StepOf(whileActive, id)!;
        Assert.False((bool)step["applied"]!);
        Assert.Equal(0, step.Long("points"));
        Assert.Equal("no eligible line matches the product condition", (string?)step["notAppliedBecause"]);
        Assert.Equal(5, whileActive.Long("earned.points"));
    }

    [Theory]
    [InlineData("""{"definition":{"name":"Negative","effects":[{"type":"points_per_amount","rate":-1}]}}""", "definition.effects[0].rate")]
    [InlineData(
        """{"definition":{"name":"Empty window","validFrom":"2026-12-01T00:00:00Z","validTo":"2026-12-01T00:00:00Z","effects":[{"type":"bonus","points":10}]}}""",
        "definition.validTo")]
    [InlineData(
        """{"definition":{"name":"Backwards","validFrom":"2026-12-24T00:00:00Z","validTo":"2026-12-01T00:00:00Z","effects":[{"type":"bonus","points":10}]}}""",
        "definition.validTo")]
    [InlineData("""{"definition":{"name":"Moon","conditions":[{"type":"channel","in":["moon"]}],"effects":[{"type":"bonus","points":10}]}}""", "definition.conditions[0].in")]
    [InlineData("""{"definition":{"name":"Nothing","effects":[]}}""", "definition.effects")]
    [InlineData("""{"definition":{"name":"No budget","effects":[{"type":"bonus","points":10}],"caps":{"budget":0}}}""", "definition.caps.budget")]
    [InlineData("""{"definition":{"name":"Group","stacking":"best_of_group","effects":[{"type":"bonus","points":10}]}}""", "definition.group")]
    [InlineData("""{"definition":{"name":"   ","effects":[{"type":"bonus","points":10}]}}""", "definition.name")]
    [InlineData("""{"id":"Not A Slug!","definition":{"name":"Bad id","effects":[{"type":"bonus","points":10}]}}""", "id")]
    [InlineData("""{"id":"base_rate","definition":{"name":"Base","effects":[{"type":"points_per_amount","rate":5}]}}""", "id")]
    [InlineData("""{"id":"ok_id"}""", "definition")]
    public async Task An_impossible_rule_is_refused_field_by_field_and_nothing_is_saved(string body, string field)
    {
        var before = await AllRules();

        var response = await Admin.PostRaw("/v1/admin/rules", body);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotEmpty(problem["errors"]![field]!.AsArray());
        Assert.Equal(before, await AllRules());
    }

    [Fact]
    public async Task Every_problem_of_a_rule_is_named_at_once()
    {
        var response = await Admin.PostRaw("/v1/admin/rules",
            """
            {"definition":{"name":"Many","priority":5000,
             "conditions":[{"type":"channel","in":["store","moon"]},{"type":"time","weekdays":["funday"]}],
             "effects":[{"type":"multiplier","factor":0.5}]}}
            """);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            ["definition.conditions[0].in", "definition.conditions[1].weekdays", "definition.effects[0].factor", "definition.priority"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("moon", (string?)errors["definition.conditions[0].in"]![0]);
        Assert.Contains("funday", (string?)errors["definition.conditions[1].weekdays"]![0]);
    }

    [Theory]
    [InlineData("""{"definition":{"name":"Typo","effects":[{"type":"bonus","points":10}],"colour":"red"}}""", "colour")]
    [InlineData("""{"definition":{"name":"Typo","conditions":[{"type":"product","category":["organic"]}],"effects":[{"type":"bonus","points":10}]}}""", "category")]
    [InlineData("""{"definition":{"name":"Typo","effects":[{"type":"bonus","point":10}]}}""", "point")]
    [InlineData("""{"definition":{"name":"Typo","effects":[{"type":"triple","factor":3}]}}""", "triple")]
    [InlineData("""{"definition":{"name":"Typo","stacking":"best_of","effects":[{"type":"bonus","points":10}]}}""", "stacking")]
    [InlineData("""{"definiton":{"name":"Typo","effects":[{"type":"bonus","points":10}]}}""", "definiton")]
    public async Task A_misspelt_field_in_a_rule_is_refused_by_name_rather_than_ignored(string body, string named)
    {
        var before = await AllRules();

        var response = await Admin.PostRaw("/v1/admin/rules", body);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Contains(named, (string?)problem["detail"]);
        Assert.Equal(before, await AllRules());
    }

    [Fact]
    public async Task A_rule_id_is_taken_once_and_the_first_rule_stays_as_it_was()
    {
        var id = Unique("dup");
        await CreateRule(new { id, definition = new { name = "First", effects = new[] { new { type = "bonus", points = 10 } } } });

        var again = await Admin.Post("/v1/admin/rules", new { id, definition = new { name = "Second", effects = new[] { new { type = "bonus", points = 99 } } } });

        var problem = await again.Problem(HttpStatusCode.Conflict, "rule_exists");
        Assert.Contains(id, (string?)problem["detail"]);
        var rule = await Rule(id);
        Assert.Equal("First", (string?)rule["definition"]!["name"]);
        Assert.Equal(1, rule.Long("version"));
        Assert.Single(rule["versions"]!.AsArray());
    }

    [Fact]
    public async Task A_rule_without_an_id_gets_one()
    {
        var created = await CreateRule(new { definition = new { name = "Anonymous", effects = new[] { new { type = "bonus", points = 10 } } } });

        var id = (string)created["id"]!;
        Assert.StartsWith("rul_", id);
        Assert.Equal("Anonymous", (string?)(await Rule(id))["definition"]!["name"]);
    }

    [Fact]
    public async Task An_unknown_rule_is_a_404_on_every_endpoint()
    {
        var id = Unique("nope");
        var definition = new { name = "x", effects = new[] { new { type = "bonus", points = 10 } } };

        await (await Admin.GetAsync($"/v1/admin/rules/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "rule_not_found");
        await (await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}", new { definition }, TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "rule_not_found");
        await (await Admin.Post($"/v1/admin/rules/{id}/activate", new { })).Problem(HttpStatusCode.NotFound, "rule_not_found");
        await (await Admin.Post($"/v1/admin/rules/{id}/deactivate", new { })).Problem(HttpStatusCode.NotFound, "rule_not_found");
        await (await Admin.Post($"/v1/admin/rules/{id}/simulate", new { })).Problem(HttpStatusCode.NotFound, "rule_not_found");
        await Admin.GetJson($"/v1/admin/rules/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rule_for_an_unknown_campaign_is_a_422_and_is_not_saved()
    {
        var id = Unique("orphan");
        var before = await AllRules();

        var response = await Admin.Post("/v1/admin/rules",
            new { id, campaignId = Unique("cmp"), definition = new { name = "Orphan", effects = new[] { new { type = "bonus", points = 10 } } } });

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity, "unknown_campaign");
        Assert.NotNull(problem["errors"]!["campaignId"]);
        Assert.Equal(before, await AllRules());
        await (await Admin.GetAsync($"/v1/admin/rules/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "rule_not_found");
    }

    [Fact]
    public async Task A_best_of_group_compares_like_with_like_so_a_points_rule_cannot_join_a_group_of_multipliers()
    {
        var group = Unique("grp");
        var category = Unique("cat");
        await CreateRule(new { id = Unique("mult"), definition = OnCategory(category, new { type = "multiplier", factor = 2 }, stacking: "best_of_group", group: group) });
        var points = Unique("pts");
        await CreateRule(new { id = points, definition = OnCategory(category, new { type = "bonus", points = 10 }) });
        var before = await AllRules();

        var created = await Admin.Post("/v1/admin/rules",
            new { id = Unique("pts"), definition = OnCategory(category, new { type = "bonus", points = 50 }, stacking: "best_of_group", group: group) });
        var moved = await Admin.PutAsJsonAsync($"/v1/admin/rules/{points}",
            new { definition = OnCategory(category, new { type = "bonus", points = 10 }, stacking: "best_of_group", group: group) }, TestContext.Current.CancellationToken);
        var sameKind = await Admin.Post("/v1/admin/rules",
            new { id = Unique("mult"), definition = OnCategory(category, new { type = "multiplier", factor = 3 }, stacking: "best_of_group", group: group) });

        var problem = await created.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(group, (string?)problem["errors"]!["definition.group"]![0]);
        var movedProblem = await moved.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(movedProblem["errors"]!["definition.group"]);
        Assert.Equal(1, (await Rule(points)).Long("version"));
        Assert.Equal(HttpStatusCode.Created, sameKind.StatusCode);
        Assert.Equal(JsonNode.Parse(before)!.AsArray().Count + 1, (await Admin.GetJson("/v1/admin/rules")).AsArray().Count);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_orders_by_priority()
    {
        var draft = Unique("draft");
        var active = Unique("active");
        await CreateRule(new
        {
            id = draft,
            definition = new
            {
                name = "Low",
                priority = -5,
                effects = new[] { new { type = "bonus", points = 1 } },
                conditions = new[] { new { type = "store", @in = new[] { Unique("store") } } },
            },
        });
        await CreateRule(new
        {
            id = active,
            definition = new
            {
                name = "High",
                priority = 900,
                effects = new[] { new { type = "bonus", points = 1 } },
                conditions = new[] { new { type = "store", @in = new[] { Unique("store") } } },
            },
        });
        await Switch(active, "activate");

        var drafts = (await Admin.GetJson("/v1/admin/rules?status=draft")).AsArray();
        var actives = (await Admin.GetJson("/v1/admin/rules?status=active")).AsArray();
        var all = (await Admin.GetJson("/v1/admin/rules")).AsArray();

        Assert.Contains(drafts, r => (string?)r!["id"] == draft);
        Assert.DoesNotContain(drafts, r => (string?)r!["id"] == active);
        Assert.All(drafts, r => Assert.Equal("draft", (string?)r!["status"]));
        Assert.Contains(actives, r => (string?)r!["id"] == active);
        Assert.All(actives, r => Assert.Equal("active", (string?)r!["status"]));
        var priorities = all.Select(r => (int)r!["definition"]!["priority"]!).ToList();
        Assert.Equal(priorities.OrderDescending(), priorities);
        Assert.All(all, r => Assert.Null(r!["versions"]));
    }

    [Fact]
    public async Task An_edit_is_a_new_version_and_purchases_keep_the_version_that_computed_them()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("bonus");
        await CreateRule(new { id, definition = OnCategory(category, new { type = "bonus", points = 10 }, "10 extra") });
        await Switch(id, "activate");
        object[] basket = [Line("TEA", 1, 10m, category)];

        var before = await Purchase(till, member, basket);
        var edited = await (await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}", new { definition = OnCategory(category, new { type = "bonus", points = 25 }, "25 extra") },
            TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        var after = await Purchase(till, member, basket);

        Assert.Equal(2, edited.Long("version"));
        Assert.Equal("active", (string?)edited["status"]);
        Assert.True((bool)edited["inForce"]!);
        Assert.Equal("25 extra", (string?)edited["definition"]!["name"]);
        Assert.Equal(20, before.Long("earned.points"));
        Assert.Equal(1, StepOf(before, id)!.Long("version"));
        Assert.Equal(35, after.Long("earned.points"));
        Assert.Equal(2, StepOf(after, id)!.Long("version"));
        Assert.Equal(25, StepOf(after, id)!.Long("points"));

        var rule = await Rule(id);
        Assert.Equal(2, rule.Long("version"));
        var versions = rule["versions"]!.AsArray();
        Assert.Equal([2L, 1L], versions.Select(v => v!.Long("version")));
        Assert.Equal("25 extra", (string?)versions[0]!["definition"]!["name"]);
        Assert.Equal(25, versions[0]!["definition"]!["effects"]![0]!.Long("points"));
        Assert.Equal("10 extra", (string?)versions[1]!["definition"]!["name"]);
        Assert.Equal(10, versions[1]!["definition"]!["effects"]![0]!.Long("points"));

        var readBack = await Admin.GetJson($"/v1/transactions/{before["id"]}");
        Assert.Equal(1, StepOf(readBack, id)!.Long("version"));
        Assert.Equal(10, StepOf(readBack, id)!.Long("points"));
        Assert.Equal("10 extra", (string?)StepOf(readBack, id)!["name"]);

        var ledger = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray();
        IEnumerable<string> RulesOn(JsonNode purchase) => ledger.Single(e => (string?)e!["cause"]!["id"] == (string?)purchase["id"])!["rules"]!.AsArray()
            .Select(r => $"{r!["rule"]}@{r["version"]}").Order(StringComparer.Ordinal);
        Assert.Equal(new[] { "base_rate@1", $"{id}@1" }.Order(StringComparer.Ordinal), RulesOn(before));
        Assert.Equal(new[] { "base_rate@1", $"{id}@2" }.Order(StringComparer.Ordinal), RulesOn(after));
    }

    [Fact]
    public async Task An_edit_that_does_not_validate_keeps_the_current_version()
    {
        var id = Unique("keep");
        await CreateRule(new { id, definition = new { name = "Keep", effects = new[] { new { type = "bonus", points = 10 } } } });

        var negative = await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}",
            new { definition = new { name = "Keep", effects = new[] { new { type = "points_per_amount", rate = -2 } } } }, TestContext.Current.CancellationToken);
        var renamed = await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}",
            new { id = Unique("other"), definition = new { name = "Keep", effects = new[] { new { type = "bonus", points = 10 } } } }, TestContext.Current.CancellationToken);

        Assert.NotNull((await negative.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["definition.effects[0].rate"]);
        Assert.NotNull((await renamed.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["id"]);
        var rule = await Rule(id);
        Assert.Equal(1, rule.Long("version"));
        Assert.Single(rule["versions"]!.AsArray());
    }

    [Fact]
    public async Task Every_change_to_a_rule_is_audited_with_who_and_what()
    {
        var id = Unique("audited");
        var other = await App.ClientWithScope("admin");
        var category = Unique("cat");

        await CreateRule(new { id, definition = OnCategory(category, new { type = "bonus", points = 10 }, "Audited") });
        await (await other.PutAsJsonAsync($"/v1/admin/rules/{id}", new { definition = OnCategory(category, new { type = "bonus", points = 25 }, "Audited, more") },
            TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        await Switch(id, "activate");
        await Switch(id, "activate");
        await Switch(id, "deactivate");
        await CreateRule(new { id = Unique("unrelated"), definition = OnCategory(Unique("cat"), new { type = "bonus", points = 1 }) });

        var trail = (await Admin.GetJson($"/v1/admin/audit?targetType=rule&targetId={id}")).AsArray();
        var admin = $"api_key:{await KeyIdOf(TreuApp.AdminKey)}";
        var otherAdmin = $"api_key:{await KeyIdOf(other.DefaultRequestHeaders.Authorization!.Parameter!)}";

        Assert.Equal(["rule.deactivated", "rule.activated", "rule.updated", "rule.created"], trail.Select(e => (string?)e!["action"]));
        Assert.All(trail, e => Assert.Equal(id, (string?)e!["targetId"]));
        Assert.All(trail, e => Assert.Equal("rule", (string?)e!["targetType"]));
        Assert.All(trail, e => Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, (DateTime)e!["at"]!, TimeSpan.FromSeconds(1)));
        Assert.Equal([admin, admin, otherAdmin, admin], trail.Select(e => (string?)e!["actor"]));
        var ids = trail.Select(e => e!.Long("id")).ToList();
        Assert.Equal(ids.OrderDescending(), ids);

        var created = trail[3]!["details"]!;
        Assert.Equal(1, created.Long("version"));
        Assert.Equal("Audited", (string?)created["definition"]!["name"]);
        var updated = trail[2]!["details"]!;
        Assert.Equal(2, updated.Long("version"));
        Assert.Equal(25, updated["definition"]!["effects"]![0]!.Long("points"));
        var activated = trail[1]!["details"]!;
        Assert.Equal(2, activated.Long("version"));
        Assert.Equal("draft", (string?)activated["from"]);
        Assert.Equal("active", (string?)activated["to"]);
        var deactivated = trail[0]!["details"]!;
        Assert.Equal("active", (string?)deactivated["from"]);
        Assert.Equal("inactive", (string?)deactivated["to"]);

        var rule = await Rule(id);
        Assert.Equal(admin, (string?)rule["updatedBy"]);
        Assert.Equal(otherAdmin, (string?)rule["versions"]![0]!["createdBy"]);
        Assert.Equal(admin, (string?)rule["versions"]![1]!["createdBy"]);

        var newest = (await Admin.GetJson($"/v1/admin/audit?targetId={id}&limit=1")).AsArray();
        Assert.Equal("rule.deactivated", (string?)newest.Single()!["action"]);
        await (await Admin.GetAsync("/v1/admin/audit?limit=0", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Admin.GetAsync("/v1/admin/audit?limit=1001", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_refused_change_leaves_no_trace_in_the_audit()
    {
        var id = Unique("refused");
        await CreateRule(new { id, definition = new { name = "Refused", effects = new[] { new { type = "bonus", points = 10 } } } });
        await Admin.Post("/v1/admin/rules", new { id, definition = new { name = "Again", effects = new[] { new { type = "bonus", points = 10 } } } });
        await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}", new { definition = new { name = "Refused", effects = new[] { new { type = "bonus", points = -1 } } } },
            TestContext.Current.CancellationToken);

        var trail = (await Admin.GetJson($"/v1/admin/audit?targetType=rule&targetId={id}")).AsArray();

        Assert.Equal("rule.created", (string?)trail.Single()!["action"]);
    }

    public static TheoryData<string, string> AdminCalls => new()
    {
        { "GET", "/v1/admin/rules" },
        { "POST", "/v1/admin/rules" },
        { "GET", "/v1/admin/rules/{id}" },
        { "PUT", "/v1/admin/rules/{id}" },
        { "POST", "/v1/admin/rules/{id}/activate" },
        { "POST", "/v1/admin/rules/{id}/deactivate" },
        { "POST", "/v1/admin/rules/simulate" },
        { "POST", "/v1/admin/rules/{id}/simulate" },
        { "GET", "/v1/admin/audit" },
        { "GET", "/v1/admin/campaigns" },
        { "POST", "/v1/admin/campaigns" },
        { "POST", "/v1/admin/campaigns/{id}/activate" },
    };

    [Theory]
    [MemberData(nameof(AdminCalls))]
    public async Task Only_an_admin_key_manages_rules_a_till_gets_403_and_no_key_401(string method, string path)
    {
        var till = await Till();
        var id = Unique("guarded");
        await CreateRule(new
        {
            id,
            definition = new
            {
                name = "Guarded",
                effects = new[] { new { type = "bonus", points = 10 } },
                conditions = new[] { new { type = "store", @in = new[] { Unique("s") } } },
            },
        });
        var url = path.Replace("{id}", id, StringComparison.Ordinal);
        var body = new
        {
            id = Unique("sneaky"),
            name = "Sneaky",
            startsAt = App.Clock.GetUtcNow().UtcDateTime,
            endsAt = App.Clock.GetUtcNow().UtcDateTime.AddDays(1),
            definition = new { name = "Sneaky", effects = new[] { new { type = "bonus", points = 1000 } } },
        };
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "GET" ? null : JsonContent.Create(body) };
        var before = await AllRules();

        var asTill = await till.SendAsync(Request(), TestContext.Current.CancellationToken);
        var anonymous = await App.Anonymous.SendAsync(Request(), TestContext.Current.CancellationToken);

        var problem = await asTill.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        Assert.Contains("pos", (string?)problem["detail"]);
        await anonymous.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(before, await AllRules());
        Assert.Equal("rule.created", (string?)(await Admin.GetJson($"/v1/admin/audit?targetId={id}")).AsArray().Single()!["action"]);
    }

    [Fact]
    public async Task A_budget_shows_what_is_spent_stops_the_rule_when_spent_and_says_so()
    {
        var till = await Till();
        var first = await EnrolId();
        var second = await EnrolId();
        var category = Unique("cat");
        var id = Unique("budget");
        object[] basket = [Line("WINE", 1, 10m, category)];

        var created = await CreateRule(new { id, definition = OnCategory(category, new { type = "bonus", points = 100 }, "100 extra, 250 in all", caps: new { budget = 250 }) });
        await Switch(id, "activate");
        var one = await Purchase(till, first, basket);
        var two = await Purchase(till, second, basket);
        var midway = await Rule(id);
        var three = await Purchase(till, first, basket);
        var spent = await Rule(id);
        var preview = await (await till.Post("/v1/transactions/preview", Basket(second, "PREVIEW", basket))).Json(HttpStatusCode.OK);
        var four = await Purchase(till, second, basket);

        AssertBudget(created, 250, 0);
        Assert.Equal(110, one.Long("earned.points"));
        Assert.Equal(110, two.Long("earned.points"));
        AssertBudget(midway, 250, 200);
        Assert.True((bool)midway["inForce"]!);
        Assert.Equal(60, three.Long("earned.points"));
        Assert.Equal(50, StepOf(three, id)!.Long("points"));
        Assert.Equal("capped at 50 by the campaign budget of 250", (string?)StepOf(three, id)!["notAppliedBecause"]);
        AssertBudget(spent, 250, 250);
        Assert.Equal("active", (string?)spent["status"]);
        Assert.False((bool)spent["inForce"]!);
        var step = StepOf(preview, id)!;
        Assert.False((bool)step["applied"]!);
        Assert.Contains("budget", (string?)step["notAppliedBecause"]);
        Assert.Equal(10, preview.Long("earned.points"));
        Assert.Equal(10, four.Long("earned.points"));
        Assert.Null(StepOf(four, id));

        // Topping the budget up brings the rule back, with what was spent still counted.
        var toppedUp = await (await Admin.PutAsJsonAsync($"/v1/admin/rules/{id}",
            new { definition = OnCategory(category, new { type = "bonus", points = 100 }, "100 extra, 400 in all", caps: new { budget = 400 }) },
            TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        var five = await Purchase(till, second, basket);

        AssertBudget(toppedUp, 400, 250);
        Assert.True((bool)toppedUp["inForce"]!);
        Assert.Equal(110, five.Long("earned.points"));
        AssertBudget(await Rule(id), 400, 350);
        await AssertLedgerVerifies();

        static void AssertBudget(JsonNode rule, long budget, long used)
        {
            var b = rule["budget"]!;
            Assert.Equal(budget, b.Long("budget"));
            Assert.Equal(used, b.Long("used"));
            Assert.Equal(budget - used, b.Long("left"));
            Assert.Equal(used >= budget, (bool)b["exhausted"]!);
        }
    }

    [Fact]
    public async Task Tills_racing_for_the_last_of_a_budget_never_give_more_than_it_holds()
    {
        var category = Unique("cat");
        var id = Unique("budget");
        await CreateRule(new { id, definition = OnCategory(category, new { type = "bonus", points = 100 }, caps: new { budget = 550 }) });
        await Switch(id, "activate");
        var tills = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Till(Unique("store"))));
        var members = await EnrolIds(16);

        var responses = await Task.WhenAll(members.Select((m, i) => tills[i % 4].Post("/v1/transactions", Basket(m, Unique("RACE"), [Line("WINE", 1, 10m, category)]))));

        var purchases = await Task.WhenAll(responses.Select(r => r.Json(HttpStatusCode.Created)));
        var given = purchases.Select(p => StepOf(p, id)?.Long("points") ?? 0).ToList();
        Assert.Equal(550, given.Sum());
        Assert.Equal(5, given.Count(p => p == 100));
        Assert.Equal(1, given.Count(p => p == 50));
        Assert.Equal(16 * 10 + 550, purchases.Sum(p => p.Long("earned.points")));
        var budget = (await Rule(id))["budget"]!;
        Assert.Equal(550, budget.Long("used"));
        Assert.True((bool)budget["exhausted"]!);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_rule_outside_its_own_dates_is_active_but_not_in_force()
    {
        var till = await Till();
        var member = await EnrolId();
        var category = Unique("cat");
        var id = Unique("later");
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var definition = new
        {
            name = "Later",
            validFrom = now.AddDays(3),
            validTo = now.AddDays(10),
            conditions = new[] { new { type = "product", categories = new[] { category } } },
            effects = new[] { new { type = "bonus", points = 70 } },
        };
        await CreateRule(new { id, definition });

        var activated = await Switch(id, "activate");
        var preview = await (await till.Post("/v1/transactions/preview", Basket(member, "PREVIEW", [Line("A", 1, 10m, category)]))).Json(HttpStatusCode.OK);
        var purchase = await Purchase(till, member, [Line("A", 1, 10m, category)]);

        Assert.Equal("active", (string?)activated["status"]);
        Assert.False((bool)activated["inForce"]!);
        Assert.Equal($"starts on {now.AddDays(3):yyyy-MM-dd HH:mm} UTC", (string?)StepOf(preview, id)!["notAppliedBecause"]);
        Assert.Equal(10, purchase.Long("earned.points"));
    }

    [Fact]
    public async Task Creating_a_rule_with_the_same_idempotency_key_twice_creates_it_once()
    {
        var key = Unique("K");
        var body = new
        {
            definition = new
            {
                name = "Once",
                effects = new[] { new { type = "bonus", points = 10 } },
                conditions = new[] { new { type = "store", @in = new[] { Unique("s") } } },
            },
        };

        var first = await (await Admin.Post("/v1/admin/rules", body, key)).Json(HttpStatusCode.Created);
        var second = await (await Admin.Post("/v1/admin/rules", body, key)).Json(HttpStatusCode.Created);

        Assert.Equal((string?)first["id"], (string?)second["id"]);
        Assert.Single((await Admin.GetJson($"/v1/admin/audit?targetId={first["id"]}")).AsArray());
    }

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
}

public sealed class RuleAdminOnSqlite(SqliteApp app) : RuleAdminSpec(app), IClassFixture<SqliteApp>;

public sealed class RuleAdminOnPostgres(PostgresApp app) : RuleAdminSpec(app), IClassFixture<PostgresApp>;
