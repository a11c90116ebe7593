using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Admin;

/// <summary>Who may call what: API keys per channel and store, their life cycle, and the answers to everyone else.</summary>
public abstract class ApiKeySpec(TreuApp app) : ApiSpec(app)
{
    private HttpClient WithHeader(string header)
    {
        var client = App.Host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);
        return client;
    }

    private async Task<JsonNode> CreateKey(string scope, string? storeId = null, string? name = null) =>
        await (await Admin.Post("/v1/admin/api-keys", new { name = name ?? Unique($"key {scope}"), scope, storeId })).Json(HttpStatusCode.Created);

    private async Task<JsonArray> ListKeys() => (await Admin.GetJson("/v1/admin/api-keys")).AsArray();

    [Fact]
    public async Task A_call_without_a_key_is_a_401_problem()
    {
        var id = await EnrolId();

        var response = await App.Anonymous.GetAsync($"/v1/members/{id}", TestContext.Current.CancellationToken);

        var problem = await response.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Contains("Bearer", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("Bearer treu_this_key_was_never_issued")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNzd29yZA==")]
    [InlineData("treu_no_scheme_at_all")]
    public async Task An_unknown_or_malformed_key_is_a_401_problem(string header)
    {
        var id = await EnrolId();

        var response = await WithHeader(header).GetAsync($"/v1/members/{id}", TestContext.Current.CancellationToken);

        await response.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task An_absurdly_long_key_is_a_401_not_a_server_error()
    {
        var response = await WithHeader("Bearer " + new string('k', 5000)).GetAsync("/v1/admin/program", TestContext.Current.CancellationToken);

        await response.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_till_key_on_an_admin_endpoint_is_a_403_naming_its_scope()
    {
        var till = await Till();

        var response = await till.GetAsync("/v1/admin/api-keys", TestContext.Current.CancellationToken);

        var problem = await response.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        Assert.Contains("pos", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_new_key_is_shown_once_and_the_list_shows_only_its_prefix()
    {
        var response = await Admin.Post("/v1/admin/api-keys", new { name = "  Till 3, Berlin Mitte ", scope = "pos", storeId = "berlin-mitte" });

        var created = await response.Json(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        var secret = (string)created["key"]!;
        Assert.Equal($"/v1/admin/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.StartsWith("treu_", secret);
        Assert.True(secret.Length >= 32, $"a key of {secret.Length} characters is guessable");
        Assert.Equal(secret[..12], (string?)created["prefix"]);
        Assert.Equal("Till 3, Berlin Mitte", (string?)created["name"]);
        Assert.Equal("pos", (string?)created["scope"]);
        Assert.Equal("berlin-mitte", (string?)created["storeId"]);

        var listText = await Admin.GetStringAsync("/v1/admin/api-keys", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        var listed = JsonNode.Parse(listText)!.AsArray().Single(k => (string?)k!["id"] == id)!;
        Assert.Equal(secret[..12], (string?)listed["prefix"]);
        Assert.Equal("pos", (string?)listed["scope"]);
        Assert.Null(listed["key"]);
        Assert.Null((string?)listed["revokedAt"]);
        var stored = await App.Db(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id, TestContext.Current.CancellationToken));
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.DoesNotContain(secret, stored.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_key_works_at_once_with_its_scope()
    {
        var created = await CreateKey("app");
        var client = App.Client((string)created["key"]!);
        var id = await EnrolId();

        var member = await client.GetJson($"/v1/members/{id}");
        var qr = await client.GetJson($"/v1/members/{id}/qr-token");
        var admin = await client.GetAsync("/v1/admin/program", TestContext.Current.CancellationToken);

        Assert.Equal(id, (string?)member["id"]);
        Assert.NotNull((string?)qr["token"]);
        await admin.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_and_the_list_says_when_it_was_revoked()
    {
        var created = await CreateKey("pos");
        var id = (string)created["id"]!;
        var client = App.Client((string)created["key"]!);
        var member = await EnrolId();
        await client.GetJson($"/v1/members/{member}"); // used once, so the server has it cached

        var revoked = await Admin.DeleteAsync($"/v1/admin/api-keys/{id}", TestContext.Current.CancellationToken);
        var after = await client.GetAsync($"/v1/members/{member}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await after.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
        var listed = (await ListKeys()).Single(k => (string?)k!["id"] == id)!;
        Assert.NotNull((string?)listed["revokedAt"]);
        var enrol = await client.Post("/v1/members", new { email = $"{Unique("revoked")}@example.de" });
        await enrol.Problem(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Revoking_twice_is_harmless_and_an_unknown_key_is_a_404()
    {
        var id = (string)(await CreateKey("ecommerce"))["id"]!;

        var first = await Admin.DeleteAsync($"/v1/admin/api-keys/{id}", TestContext.Current.CancellationToken);
        var revokedAt = (string?)(await ListKeys()).Single(k => (string?)k!["id"] == id)!["revokedAt"];
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await Admin.DeleteAsync($"/v1/admin/api-keys/{id}", TestContext.Current.CancellationToken);
        var unknown = await Admin.DeleteAsync("/v1/admin/api-keys/key_doesnotexist000000", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(revokedAt, (string?)(await ListKeys()).Single(k => (string?)k!["id"] == id)!["revokedAt"]);
        await unknown.Problem(HttpStatusCode.NotFound, "api_key_not_found");
    }

    [Fact]
    public async Task A_key_with_an_unknown_scope_or_no_name_is_refused_and_nothing_is_created()
    {
        var before = (await ListKeys()).Count;

        var response = await Admin.Post("/v1/admin/api-keys", new { name = "", scope = "superuser" });

        var errors = (await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!;
        Assert.NotNull(errors["name"]);
        Assert.NotNull(errors["scope"]);
        Assert.Equal(before, (await ListKeys()).Count);
    }

    [Fact]
    public async Task Only_an_admin_may_create_keys()
    {
        var before = (await ListKeys()).Count;

        foreach (var scope in new[] { "pos", "ecommerce", "app" })
        {
            var client = await App.ClientWithScope(scope);
            var response = await client.Post("/v1/admin/api-keys", new { name = "escalation", scope = "admin" });
            await response.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        }

        Assert.DoesNotContain(await ListKeys(), k => (string?)k!["name"] == "escalation");
        Assert.Equal(before + 3, (await ListKeys()).Count); // the three keys this test made to try it
    }

    [Fact]
    public async Task A_store_bound_till_records_for_its_own_store_and_is_refused_for_another()
    {
        var till = await Till("store-a");
        var member = await EnrolId();

        var refused = await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 10m)], storeId: "store-b"));
        var defaulted = await (await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 10m)]))).Json(HttpStatusCode.Created);
        var named = await (await till.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 5m)], storeId: "store-a"))).Json(HttpStatusCode.Created);

        await refused.Problem(HttpStatusCode.Forbidden, "store_not_allowed");
        Assert.Equal("store-a", (string?)defaulted["storeId"]);
        Assert.Equal("store-a", (string?)named["storeId"]);
        Assert.Equal(15, await Pending(member));
    }

    [Fact]
    public async Task A_till_records_for_the_store_channel_only_and_an_admin_may_name_another()
    {
        var till = await Till();
        var member = await EnrolId();

        var webshop = await till.Post("/v1/transactions",
            new { memberId = member, externalId = Unique("R"), currency = "EUR", channel = "webshop", lines = new[] { Line("A", 1, 10m) } });
        var store = await (await till.Post("/v1/transactions",
            new { memberId = member, externalId = Unique("R"), currency = "EUR", channel = "store", lines = new[] { Line("A", 1, 10m) } })).Json(HttpStatusCode.Created);
        var import = await (await Admin.Post("/v1/transactions",
            new { memberId = member, externalId = Unique("R"), currency = "EUR", channel = "import", lines = new[] { Line("A", 1, 10m) } })).Json(HttpStatusCode.Created);

        await webshop.Problem(HttpStatusCode.Forbidden, "channel_not_allowed");
        Assert.Equal("store", (string?)store["channel"]);
        Assert.Equal("import", (string?)import["channel"]);
        Assert.Equal(20, await Pending(member));
    }

    [Fact]
    public async Task Each_scope_reaches_exactly_the_endpoints_meant_for_it()
    {
        var member = await EnrolId();
        var other = await EnrolId();
        await Credit(member, 10_000);
        var clients = new Dictionary<string, HttpClient>
        {
            ["pos"] = await App.ClientWithScope("pos"),
            ["ecommerce"] = await App.ClientWithScope("ecommerce"),
            ["app"] = await App.ClientWithScope("app"),
            ["admin"] = Admin,
            ["none"] = App.Anonymous,
        };
        var ct = TestContext.Current.CancellationToken;
        var endpoints = new (string Name, Func<HttpClient, Task<HttpResponseMessage>> Call, int[] Expected)[]
        {
            // The expected statuses are for pos, ecommerce, app, admin and no key, in that order.
            ("POST /v1/members", c => c.Post("/v1/members", new { email = $"{Unique("matrix")}@example.de" }), [201, 201, 201, 201, 401]),
            ("GET /v1/members/{id}", c => c.GetAsync($"/v1/members/{member}", ct), [200, 200, 200, 200, 401]),
            ("PATCH /v1/members/{id}", c => c.Patch($"/v1/members/{member}", new { firstName = "Matrix" }), [200, 200, 200, 200, 401]),
            ("GET /v1/members/lookup", c => c.GetAsync($"/v1/members/lookup?number=0000000000", ct), [404, 404, 404, 404, 401]),
            ("GET /v1/members/{id}/qr-token", c => c.GetAsync($"/v1/members/{member}/qr-token", ct), [403, 403, 200, 200, 401]),
            ("GET /v1/members/{id}/balance", c => c.GetAsync($"/v1/members/{member}/balance", ct), [200, 200, 200, 200, 401]),
            ("POST /v1/members/{id}/adjustments", c => c.Post($"/v1/members/{member}/adjustments", new { points = 1, reason = "matrix" }), [403, 403, 403, 201, 401]),
            ("POST /v1/transactions", c => c.Post("/v1/transactions", Basket(member, Unique("R"), [Line("A", 1, 1m)])), [201, 201, 403, 201, 401]),
            ("POST /v1/transactions/preview", c => c.Post("/v1/transactions/preview", Basket(member, "P", [Line("A", 1, 1m)])), [200, 200, 403, 200, 401]),
            ("POST /v1/transfers", c => c.Post("/v1/transfers", new { fromMemberId = member, toMemberId = other, points = 1 }, Unique("T")), [403, 403, 201, 201, 401]),
            ("GET /v1/admin/program", c => c.GetAsync("/v1/admin/program", ct), [403, 403, 403, 200, 401]),
            ("GET /v1/admin/api-keys", c => c.GetAsync("/v1/admin/api-keys", ct), [403, 403, 403, 200, 401]),
            ("GET /v1/admin/ledger/verify", c => c.GetAsync("/v1/admin/ledger/verify", ct), [403, 403, 403, 200, 401]),
            ("POST /v1/admin/jobs/{name}/run", c => c.Post("/v1/admin/jobs/activation/run", new { }), [403, 403, 403, 200, 401]),
        };
        var scopes = clients.Keys.ToArray();

        var mismatches = new List<string>();
        foreach (var (name, call, expected) in endpoints)
        {
            for (var i = 0; i < scopes.Length; i++)
            {
                var response = await call(clients[scopes[i]]);
                var status = (int)response.StatusCode;
                if (status != expected[i])
                {
                    mismatches.Add($"{name} as {scopes[i]}: expected {expected[i]}, got {status} {await response.Content.ReadAsStringAsync(ct)}");
                }
                else if (status is 401 or 403)
                {
                    await response.Problem((HttpStatusCode)status, status == 401 ? "unauthenticated" : "forbidden_scope");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        await AssertLedgerVerifies();
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
}

public sealed class ApiKeyOnSqlite(SqliteApp app) : ApiKeySpec(app), IClassFixture<SqliteApp>;

public sealed class ApiKeyOnPostgres(PostgresApp app) : ApiKeySpec(app), IClassFixture<PostgresApp>;
