using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// The edges of HTTP, through the real server (Kestrel) where the in-memory test server would not show them: a URL
/// too long, a NUL in a URL, a query value that does not bind, a duplicate still in flight. Each answer is a problem a
/// client can act on.
/// </summary>
public abstract class HttpEdgeSpec(TreuApp app) : ApiSpec(app)
{
    /// <summary>A second server on the same database, listening on a free port with Kestrel, as in production.</summary>
    private (WebApplicationFactory<Program> Host, HttpClient Admin) Kestrel()
    {
        // The settings file's urls (port 5080, for `dotnet run`) would win over UseKestrel's port, and the SQLite and
        // PostgreSQL runs of this class, in parallel, would race for it.
        var host = App.Host.WithWebHostBuilder(b => b.UseSetting("urls", "http://127.0.0.1:0"));
        host.UseKestrel(0);
        host.StartServer();
        return (host, TreuApp.Client(host, TreuApp.AdminKey));
    }

    [Fact]
    public async Task A_url_longer_than_the_server_takes_is_a_414_problem_through_kestrel()
    {
        var (host, admin) = Kestrel();
        await using var _ = host;

        var response = await admin.GetAsync($"/v1/members/{new string('9', 10_000)}", TestContext.Current.CancellationToken);

        var problem = await response.Problem(HttpStatusCode.RequestUriTooLong, "uri_too_long");
        Assert.Contains("8192", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_nul_in_a_query_is_a_400_problem_through_kestrel()
    {
        var (host, admin) = Kestrel();
        await using var _ = host;

        var response = await admin.GetAsync("/v1/members/lookup?card=%00", TestContext.Current.CancellationToken);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["card"]);
    }

    [Fact]
    public async Task A_nul_in_the_path_is_refused_by_kestrel_before_the_app()
    {
        // Kestrel answers this itself, a 400 without a body, and gives no application a way to add one (see docs/api.md).
        var (host, admin) = Kestrel();
        await using var _ = host;

        var response = await admin.GetAsync("/v1/members/mbr_%00", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_query_value_that_is_not_a_number_is_named_in_the_apis_words()
    {
        var member = await EnrolId();

        var response = await Admin.GetAsync($"/v1/members/{member}/ledger?limit=ten", TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("must be a whole number", (string?)problem["errors"]!["limit"]![0]);
    }

    [Fact]
    public async Task A_duplicate_still_in_flight_is_told_when_to_retry()
    {
        // Racing retries of one enrolment: whichever arrive while the first is in flight are turned away.
        for (var round = 0; round < 20; round++)
        {
            var email = $"{Unique("race")}@example.de";
            var key = Unique("race");
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Admin.Post("/v1/members", new { email }, key)));
            var busy = responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).ToList();
            if (busy.Count == 0)
            {
                continue;
            }

            foreach (var response in busy)
            {
                await response.Problem(HttpStatusCode.Conflict, "idempotency_in_progress");
                Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
            }

            return;
        }

        Assert.Fail("No duplicate arrived while the first was in flight in 20 rounds of 8.");
    }
}

public sealed class HttpEdgeOnSqlite(SqliteApp app) : HttpEdgeSpec(app), IClassFixture<SqliteApp>;

public sealed class HttpEdgeOnPostgres(PostgresApp app) : HttpEdgeSpec(app), IClassFixture<PostgresApp>;
