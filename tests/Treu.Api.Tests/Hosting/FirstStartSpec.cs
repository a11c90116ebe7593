using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>An operator's first start, on an empty database: migrations run, and the log holds nothing that reads as a failure.</summary>
public abstract class FirstStartSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public void The_first_start_on_an_empty_database_logs_no_error() =>
        Assert.True(App.Errors.Lines.Count == 0, "Logged at error level: " + string.Join(Environment.NewLine, App.Errors.Lines));
}

public sealed class FirstStartOnSqlite(SqliteApp app) : FirstStartSpec(app), IClassFixture<SqliteApp>;

public sealed class FirstStartOnPostgres(PostgresApp app) : FirstStartSpec(app), IClassFixture<PostgresApp>;
