using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Admin;

/// <summary>What an operator and an integrator see: health probes, the API description, and answers off the map.</summary>
public abstract class OperationsSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>The member and admin endpoints as the brief lists them; the server maps more (ledger, transactions).</summary>
    private static readonly string[] Documented =
    [
        "POST /v1/members",
        "GET /v1/members/{id}",
        "PATCH /v1/members/{id}",
        "GET /v1/members/lookup",
        "GET /v1/members/{id}/qr-token",
        "POST /v1/admin/api-keys",
        "GET /v1/admin/api-keys",
        "DELETE /v1/admin/api-keys/{id}",
        "GET /v1/admin/program",
        "PATCH /v1/admin/program",
        "POST /v1/admin/jobs/{name}/run",
        "POST /v1/transactions",
    ];

    /// <summary>The writes that go through the idempotency store: a retry with the same Idempotency-Key has no second effect.</summary>
    private static readonly string[] IdempotentWrites =
    [
        "POST /v1/members",
        "POST /v1/members/{id}/adjustments",
        "POST /v1/transfers",
        "POST /v1/transactions",
        "POST /v1/transactions/{id}/returns",
    ];

    private async Task<JsonNode> OpenApi() => await App.Anonymous.GetJson("/openapi/v1.json");

    /// <summary>Every "METHOD /path" the running server routes under /v1, read from its routing table.</summary>
    private SortedSet<string> MappedV1Operations() =>
        new(App.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} {e.RoutePattern.RawText!.TrimEnd('/')}")),
            StringComparer.Ordinal);

    private static SortedSet<string> DocumentedOperations(JsonNode document) =>
        new(document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}")), StringComparer.Ordinal);

    private static JsonNode Operation(JsonNode document, string operation)
    {
        var (method, path) = (operation.Split(' ')[0].ToLowerInvariant(), operation.Split(' ')[1]);
        return document["paths"]?[path]?[method] ?? throw new Xunit.Sdk.XunitException($"{operation} is not in the OpenAPI document");
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task The_health_probes_answer_without_a_key(string probe)
    {
        var response = await App.Anonymous.GetAsync(probe, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_api_reference_is_served_as_a_web_page()
    {
        var response = await App.Anonymous.GetAsync("/scalar", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_lists_every_v1_operation_the_server_maps_and_no_other()
    {
        var mapped = MappedV1Operations();

        var documented = DocumentedOperations(await OpenApi());

        Assert.Subset(mapped, new SortedSet<string>(Documented, StringComparer.Ordinal));
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task The_openapi_document_describes_bearer_authentication_for_every_operation()
    {
        var document = await OpenApi();

        var schemes = document["components"]!["securitySchemes"]!.AsObject();
        var bearer = schemes.Single(s => (string?)s.Value!["type"] == "http" && string.Equals((string?)s.Value!["scheme"], "bearer", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(document["security"]!.AsArray(), requirement => requirement!.AsObject().ContainsKey(bearer.Key));
        Assert.StartsWith("3.", (string?)document["openapi"]);
    }

    [Fact]
    public async Task The_openapi_document_offers_the_idempotency_key_header_on_the_writes()
    {
        var document = await OpenApi();

        foreach (var write in IdempotentWrites)
        {
            var parameters = Operation(document, write)["parameters"]?.AsArray() ?? [];
            var header = parameters.SingleOrDefault(p => (string?)p!["name"] == "Idempotency-Key");
            Assert.True(header is not null, $"{write} does not document the Idempotency-Key header");
            Assert.Equal("header", (string?)header!["in"]);
            Assert.Equal(255, (int?)header["schema"]?["maxLength"]);
        }

        // Where a retry would create a second API key or run a job again, the reference must not promise otherwise.
        foreach (var other in new[] { "POST /v1/admin/api-keys", "POST /v1/admin/jobs/{name}/run", "POST /v1/transactions/preview" })
        {
            var parameters = Operation(document, other)["parameters"]?.AsArray() ?? [];
            Assert.DoesNotContain(parameters, p => (string?)p!["name"] == "Idempotency-Key");
        }
    }

    [Fact]
    public async Task The_request_examples_for_enrolment_and_purchase_are_accepted_as_they_stand()
    {
        var document = await OpenApi();
        var enrol = Operation(document, "POST /v1/members")["requestBody"]!["content"]!["application/json"]!["example"]!;
        var purchase = Operation(document, "POST /v1/transactions")["requestBody"]!["content"]!["application/json"]!["example"]!;
        Assert.NotNull(enrol["email"]);
        Assert.NotNull(purchase["lines"]);

        // The example is what an integrator copies first: it should work (only the member id is the reader's own).
        var enrolled = await (await Admin.PostRaw("/v1/members", enrol.ToJsonString())).Json(HttpStatusCode.Created);
        await Credit((string)enrolled["id"]!, 1_000);
        purchase["memberId"] = (string)enrolled["id"]!;
        App.Clock.Advance(TimeSpan.FromMinutes(20)); // the example's receipt is from 09:15; the test clock starts at 09:00
        var recorded = await (await Admin.PostRaw("/v1/transactions", purchase.ToJsonString())).Json(HttpStatusCode.Created);

        Assert.Equal((string?)enrol["email"], (string?)enrolled["email"]);
        Assert.Equal((string?)purchase["externalId"], (string?)recorded["externalId"]);
        Assert.True(recorded.Long("earned.points") > 0);
    }

    [Theory]
    [InlineData("/v1/no-such-thing")]
    [InlineData("/nothing/here")]
    [InlineData("/v1/members/mbr_x/no-such-thing")]
    public async Task An_unknown_route_is_a_404_problem_with_a_code(string path)
    {
        await (await App.Anonymous.GetAsync(path, TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "not_found");
        await (await Admin.GetAsync(path, TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_known_route_with_the_wrong_method_is_a_405_problem()
    {
        var response = await Admin.DeleteAsync("/v1/members", TestContext.Current.CancellationToken);

        await response.Problem(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        var email = $"{Unique("form")}@example.de";

        var response = await Admin.PostRaw("/v1/members", $"email={email}", "application/x-www-form-urlencoded");

        await response.Problem(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await (await Admin.GetAsync($"/v1/members/lookup?email={email}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task An_unknown_job_is_a_404_naming_the_jobs_there_are()
    {
        var response = await Admin.Post("/v1/admin/jobs/make-coffee/run", new { });

        var problem = await response.Problem(HttpStatusCode.NotFound, "job_not_found");
        Assert.Contains("activation", (string?)problem["detail"]);
        Assert.Contains("expiry", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("activation")]
    [InlineData("expiry")]
    [InlineData("idempotency-cleanup")]
    public async Task A_known_job_runs_on_demand_and_says_what_it_did(string job)
    {
        var run = await (await Admin.Post($"/v1/admin/jobs/{job}/run", new { })).Json(HttpStatusCode.OK);

        Assert.Equal(job, (string?)run["job"]);
        Assert.True(run.Long("processed") >= 0);
        Assert.NotNull((string?)run["ranAt"]);
    }

    [Fact]
    public async Task The_activation_job_makes_due_pending_points_available()
    {
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 30m)]);
        App.Clock.Advance(TimeSpan.FromDays(15));

        var run = await (await Admin.Post("/v1/admin/jobs/activation/run", new { })).Json(HttpStatusCode.OK);

        Assert.True(run.Long("processed") >= 1);
        Assert.Equal(30, await Available(member));
        Assert.Equal(0, await Pending(member));
    }
}

public sealed class OperationsOnSqlite(SqliteApp app) : OperationsSpec(app), IClassFixture<SqliteApp>;

public sealed class OperationsOnPostgres(PostgresApp app) : OperationsSpec(app), IClassFixture<PostgresApp>;
