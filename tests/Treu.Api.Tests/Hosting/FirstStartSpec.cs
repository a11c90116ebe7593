using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// A new installation: the server starts on an empty database and applies every migration itself (the other specs
/// start from a copy of a database migrated once per test run), and an operator's first log holds nothing that reads
/// as a failure.
/// </summary>
public abstract class FirstStartSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task A_server_started_on_an_empty_database_applies_every_migration_and_records_purchases()
    {
        var migrations = await App.Db(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        var applied = await App.Db(async db => (await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken)).ToList());
        var member = await EnrolId();

        await Purchase(await Till(), member, [Line("A", 2, 10m)]);

        Assert.NotEmpty(migrations);
        Assert.Equal(migrations, applied);
        Assert.Equal(20, await Pending(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public void The_first_start_on_an_empty_database_logs_no_error() =>
        Assert.True(App.Errors.Lines.Count == 0, "Logged at error level: " + string.Join(Environment.NewLine, App.Errors.Lines));
}

public sealed class FirstStartOnSqlite(EmptySqliteApp app) : FirstStartSpec(app), IClassFixture<EmptySqliteApp>;

public sealed class FirstStartOnPostgres(EmptyPostgresApp app) : FirstStartSpec(app), IClassFixture<EmptyPostgresApp>;
