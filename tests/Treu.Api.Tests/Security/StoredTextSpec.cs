using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Security;

/// <summary>
/// Text the API stores holds no control characters: PostgreSQL cannot store a NUL at all, so both databases refuse
/// them the same way, with a 400 that names the field, before anything is written. Free text (a reason, a
/// description) may hold tabs and line breaks; identifiers may not.
/// </summary>
public abstract class StoredTextSpec(TreuApp app) : ApiSpec(app)
{
    private static async Task<JsonNode> RefusedNaming(HttpResponseMessage response, string field)
    {
        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem["errors"]?[field] is not null, $"errors should name {field}: {problem.ToJsonString()}");
        return problem;
    }

    [Theory]
    [InlineData("sku", "A\u0000B")]
    [InlineData("name", "Coffee\u0000")]
    [InlineData("category", "gro\u0000cery")]
    [InlineData("brand", "\u0000")]
    [InlineData("sku", "A\tB")]
    [InlineData("sku", "A\nB")]
    [InlineData("name", "Bell\u0007")]
    [InlineData("name", "Delete\u007f")]
    [InlineData("name", "C1\u0085")]
    public async Task A_control_character_in_a_line_is_refused_naming_the_line_and_records_nothing(string field, string value)
    {
        var till = await Till();
        var member = await EnrolId();
        var line = new JsonObject { ["sku"] = "COFFEE", ["name"] = "Coffee", ["category"] = "grocery", ["brand"] = "Acme", ["quantity"] = 1, ["unitPrice"] = 10m };
        line[field] = value;
        var receipt = Unique("R");

        var response = await till.Post("/v1/transactions", new { memberId = member, externalId = receipt, currency = "EUR", lines = new[] { line } });

        var problem = await RefusedNaming(response, $"lines[0].{field}");
        Assert.Contains("control character", problem["errors"]![$"lines[0].{field}"]![0]!.ToString());
        Assert.Equal(0, await Pending(member));
        Assert.False(await App.Db(db => db.Purchases.AnyAsync(t => t.ExternalId == receipt)));
    }

    [Fact]
    public async Task A_nul_in_a_receipt_id_or_store_is_refused_by_name()
    {
        var member = await EnrolId();

        var receipt = await Admin.Post("/v1/transactions", new { memberId = member, externalId = "R-\u0000", currency = "EUR", lines = new[] { Line("A", 1, 10m) } });
        var store = await Admin.Post("/v1/transactions",
            new { memberId = member, externalId = Unique("R"), storeId = "berlin\u0000", currency = "EUR", lines = new[] { Line("A", 1, 10m) } });
        var payment = await Admin.Post("/v1/transactions",
            new { memberId = member, externalId = Unique("R"), currency = "EUR", lines = new[] { Line("A", 1, 10m) }, paymentMethods = new[] { "card", "ca\u0000sh" } });

        await RefusedNaming(receipt, "externalId");
        await RefusedNaming(store, "storeId");
        await RefusedNaming(payment, "paymentMethods[1]");
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task A_nul_in_a_name_an_e_mail_or_an_attribute_enrols_and_changes_no_one()
    {
        var email = $"{Unique("nul")}@example.de";
        var id = await EnrolId();

        var name = await Admin.Post("/v1/members", new { email, firstName = "An\u0000na" });
        var mail = await Admin.Post("/v1/members", new { email = email + "\u0000" });
        var value = await Admin.Patch($"/v1/members/{id}", new { attributes = new Dictionary<string, string> { ["colour"] = "bl\u0000ue" } });
        var key = await Admin.Patch($"/v1/members/{id}", new { attributes = new Dictionary<string, string> { ["col\u0000our"] = "blue" } });

        await RefusedNaming(name, "firstName");
        await RefusedNaming(mail, "email");
        await RefusedNaming(value, "attributes.colour");
        await RefusedNaming(key, "attributes");
        Assert.Equal(0, await App.Db(db => db.Members.CountAsync(m => m.Email == email)));
        Assert.Empty((await Admin.GetJson($"/v1/members/{id}"))["attributes"]!.AsObject());
    }

    [Fact]
    public async Task A_reason_may_span_lines_but_holds_no_other_control_character()
    {
        var member = await EnrolId();

        var multiline = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 10, reason = "Goodwill:\r\n\tparcel lost, ticket 4711" });
        var nul = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 20, reason = "Goodwill\u0000" });
        var escape = await Admin.Post($"/v1/members/{member}/adjustments", new { points = 40, reason = "Goodwill \u001b[31m" });

        await multiline.Json(HttpStatusCode.Created);
        await RefusedNaming(nul, "reason");
        await RefusedNaming(escape, "reason");
        Assert.Equal(10, await Available(member));
        var entry = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]![0]!;
        Assert.Equal("Goodwill:\r\n\tparcel lost, ticket 4711", (string?)entry["reason"]);
    }

    [Fact]
    public async Task A_nul_in_a_rule_is_refused_naming_where_it_sits_and_no_rule_is_saved()
    {
        var id = Unique("nul");

        var name = await Admin.Post("/v1/admin/rules", new { id, definition = new { name = "Double\u0000", effects = new[] { new { type = "multiplier", factor = 2 } } } });
        var store = await Admin.Post("/v1/admin/rules", new
        {
            id,
            definition = new
            {
                name = "Store",
                conditions = new object[] { new { type = "store", @in = new[] { "berlin", "ham\u0000burg" } } },
                effects = new[] { new { type = "multiplier", factor = 2 } },
            },
        });
        var ruleId = await Admin.Post("/v1/admin/rules", new { id = id + "\u0000", definition = new { name = "Id", effects = new[] { new { type = "multiplier", factor = 2 } } } });

        await RefusedNaming(name, "definition.name");
        await RefusedNaming(store, "definition.conditions[0].in[1]");
        await RefusedNaming(ruleId, "id");
        await (await Admin.GetAsync($"/v1/admin/rules/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "rule_not_found");
    }

    [Theory]
    [InlineData("/v1/members/lookup?card=%00", "card")]
    [InlineData("/v1/members/lookup?email=a%00@example.de", "email")]
    [InlineData("/v1/members/lookup?number=%00123", "number")]
    public async Task A_nul_in_a_query_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var response = await Admin.GetAsync(url, TestContext.Current.CancellationToken);

        await RefusedNaming(response, parameter);
    }

    [Fact]
    public async Task A_nul_in_a_ledger_cursor_is_a_400_naming_the_cursor()
    {
        var member = await EnrolId();

        var response = await Admin.GetAsync($"/v1/members/{member}/ledger?cursor=%00", TestContext.Current.CancellationToken);

        await RefusedNaming(response, "cursor");
    }

    [Theory]
    [InlineData("GET", "/v1/members/mbr_%01")]
    [InlineData("GET", "/v1/transactions/%1B%5B2J")]
    [InlineData("GET", "/v1/admin/rules/rule%7F")]
    [InlineData("POST", "/v1/admin/campaigns/%0A/activate")]
    public async Task A_control_character_in_an_id_in_the_path_is_a_400_naming_the_id(string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);

        var response = await Admin.SendAsync(request, TestContext.Current.CancellationToken);

        await RefusedNaming(response, "id");
    }

    [Fact]
    public async Task A_nul_in_an_id_in_the_path_is_a_400_naming_the_id_behind_a_server_that_passes_it_on()
    {
        // Kestrel, and the test server's own client, refuse a NUL in the path before the app sees it (a bare 400);
        // a server in front that decodes the path and passes it on must not make it a 500.
        var context = await App.Host.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/v1/members/mbr_\u0000";
            http.Request.Headers.Authorization = $"Bearer {TreuApp.AdminKey}";
        }, TestContext.Current.CancellationToken);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("application/problem+json", context.Response.ContentType);
        var problem = await JsonNode.ParseAsync(context.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("validation_failed", (string?)problem!["code"]);
        Assert.NotNull(problem["errors"]!["id"]);
    }
}

public sealed class StoredTextOnSqlite(SqliteApp app) : StoredTextSpec(app), IClassFixture<SqliteApp>;

public sealed class StoredTextOnPostgres(PostgresApp app) : StoredTextSpec(app), IClassFixture<PostgresApp>;
