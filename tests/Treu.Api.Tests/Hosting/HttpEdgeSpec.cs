using System.Net;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// The edges of HTTP: a query value that does not bind. Each answer is a problem a client can act on.
/// </summary>
public abstract class HttpEdgeSpec(TreuApp app) : ApiSpec(app)
{
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
}

public sealed class HttpEdgeOnSqlite(SqliteApp app) : HttpEdgeSpec(app), IClassFixture<SqliteApp>;

public sealed class HttpEdgeOnPostgres(PostgresApp app) : HttpEdgeSpec(app), IClassFixture<PostgresApp>;
