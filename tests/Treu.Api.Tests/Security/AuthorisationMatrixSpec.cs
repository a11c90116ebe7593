using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Hosting;

namespace Treu.Api.Tests.Security;

/// <summary>
/// The authorisation matrix declared beside every endpoint (<c>.Access(…)</c>), checked against the running app:
/// a well-formed request with a key of each scope, with none, and with a member session (of a member the request is
/// not about), gets exactly the declared status.
/// </summary>
public abstract class AuthorisationMatrixSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>The API's endpoints; the web faces' pages are authorised by the person's role instead (the browser specs try them).</summary>
    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        App.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(AccessMatrix.IsApi).ToList();

    [Fact]
    public void Every_endpoint_of_the_app_has_a_row_in_the_matrix()
    {
        var missing = Endpoints().Where(e => e.Metadata.GetMetadata<AccessRow>() is null).Select(AccessMatrix.NameOf).ToList();

        Assert.True(missing.Count == 0, $"Endpoints without .Access(…): {string.Join(", ", missing)}");
        Assert.True(Endpoints().Count >= 30, "The matrix test should see the whole API.");
    }

    [Fact]
    [Trait("Tier", "slow")]
    public async Task Every_endpoint_answers_every_scope_as_its_matrix_row_says()
    {
        var clients = new Dictionary<string, HttpClient> { ["none"] = App.Anonymous, ["admin"] = Admin };
        foreach (var scope in new[] { "pos", "ecommerce", "app" })
        {
            clients[scope] = await App.ClientWithScope(scope);
        }

        // A member session of its own for each request, since some requests end the session they come with.
        clients["member"] = App.Anonymous;
        var world = await SecurityWorld.BuildAsync(App);
        var requests = new WellFormedRequests(new Random(1), target => Fresh(world, target));
        var mismatches = new List<string>();
        var checkedCells = 0;
        foreach (var endpoint in Endpoints())
        {
            var row = endpoint.Metadata.GetMetadata<AccessRow>()!;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Single() ?? "GET";
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var example = endpoint.Metadata.OfType<OpenApiExample>().FirstOrDefault(e => e.ResponseStatus is null);
            foreach (var (scope, client) in clients)
            {
                var path = route.Contains('{') ? await requests.PathAsync(route) : route;
                var body = await requests.BodyAsync(example is null ? null : JsonNode.Parse(example.Json));
                using var request = new HttpRequestMessage(new HttpMethod(method), path + WellFormedRequests.Query(route, world.MemberEmails[0]));
                if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("image/png") == true)
                {
                    request.Content = new ByteArrayContent(SecurityWorld.Png()) { Headers = { ContentType = new("image/png") } };
                }
                else if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await (scope == "member" ? await MemberSession(world.Members[3]) : client).SendAsync(request, TestContext.Current.CancellationToken);
                var expected = row.StatusFor(scope == "none" ? null : scope);
                checkedCells++;
                if ((int)response.StatusCode != expected)
                {
                    var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                    mismatches.Add($"{AccessMatrix.NameOf(endpoint)} with {scope}: expected {expected}, got {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
                }
                else if (expected is 401 or 403)
                {
                    await response.Problem((HttpStatusCode)expected, expected == 401 ? "unauthenticated" : "forbidden_scope");
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {checkedCells} cells disagree with the matrix:\n{string.Join("\n", mismatches)}");
    }

    private async Task<HttpClient> MemberSession(string member)
    {
        var session = await (await Admin.PostAsJsonAsync($"/v1/members/{member}/sessions", new { }, TestContext.Current.CancellationToken)).Json(HttpStatusCode.Created);
        return App.Client((string)session["accessToken"]!);
    }

    /// <summary>A fresh thing for each request, so no request meets what an earlier one did (a spent balance, a revoked key).</summary>
    private async Task<string> Fresh(SecurityWorld world, Target target)
    {
        switch (target)
        {
            case Target.Member or Target.OtherMember:
                var member = await EnrolId();
                await Credit(member, 100_000);
                return member;
            case Target.Purchase:
                var purchase = await Purchase(Admin, await EnrolId(), [Line("4006381333931", 5, 8.99m)]);
                return (string)purchase["id"]!;
            case Target.ApiKey:
                var key = await (await Admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "to revoke", scope = "pos" }, TestContext.Current.CancellationToken))
                    .Json(HttpStatusCode.Created);
                return (string)key["id"]!;
            case Target.Staff:
                var person = await (await Admin.PostAsJsonAsync("/v1/admin/staff", new { email = $"{Guid.NewGuid():n}@shop.example", displayName = "To change", role = "manager" },
                    TestContext.Current.CancellationToken)).Json(HttpStatusCode.Created);
                return (string)person["account"]!["id"]!;
            case Target.Rule:
                return world.RuleId;
            case Target.Reward:
                return await SecurityWorld.RewardAsync(Admin);
            case Target.Coupon:
                return await SecurityWorld.CouponAsync(Admin);
            case Target.Voucher:
                return world.NextCode();
            case Target.Program:
                return (string)(await Admin.GetJson("/v1/admin/program"))["id"]!;
            case Target.RefreshToken:
                var session = await (await Admin.PostAsJsonAsync($"/v1/members/{await EnrolId()}/sessions", new { }, TestContext.Current.CancellationToken))
                    .Json(HttpStatusCode.Created);
                return (string)session["refreshToken"]!;
            case Target.Webhook:
                var webhook = await (await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" } },
                    TestContext.Current.CancellationToken)).Json(HttpStatusCode.Created);
                return (string)webhook["id"]!;
            case Target.WebhookDelivery:
                return world.WebhookDeliveryId;
            case Target.MessageTemplate:
                return world.TemplateId;
            case Target.Checkpoint:
                return (string)(await Admin.GetJson("/v1/admin/ledger/checkpoints/latest"))["id"]!;
            default:
                return world.CampaignId;
        }
    }
}

public sealed class AuthorisationMatrixOnSqlite(SqliteApp app) : AuthorisationMatrixSpec(app), IClassFixture<SqliteApp>;

public sealed class AuthorisationMatrixOnPostgres(PostgresApp app) : AuthorisationMatrixSpec(app), IClassFixture<PostgresApp>;
