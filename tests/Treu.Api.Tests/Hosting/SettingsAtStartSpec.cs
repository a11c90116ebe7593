using Treu.Api.Tests.Import;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// The <c>treu</c> commands check the settings as the server does: a wrong one stops the command with one line naming it,
/// before the database is touched; right ones run it.
/// </summary>
public abstract class SettingsAtStartSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<string> RefusedWith(params string[] settings)
    {
        var (code, output) = await App.TreuWith(settings, "migrate");

        Assert.Equal(2, code);
        Assert.DoesNotContain("Database is up to date", output);
        return Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task An_unknown_provider_is_refused_with_the_providers_there_are()
    {
        var line = await RefusedWith("--Treu:Database:Provider=oracle");

        Assert.StartsWith("Treu cannot start:", line);
        Assert.Contains("'Treu:Database:Provider'", line);
        Assert.Contains("sqlite or postgresql", line);
    }

    [Fact]
    public async Task PostgreSQL_without_a_connection_string_is_refused()
    {
        var line = await RefusedWith("--Treu:Database:Provider=postgresql", "--Treu:Database:ConnectionString=");

        Assert.Contains("Treu:Database:Provider is postgresql, but Treu:Database:ConnectionString is empty", line);
    }

    [Fact]
    public async Task A_lane_count_out_of_range_is_refused()
    {
        var line = await RefusedWith("--Treu:Database:WriteLanes=0");

        Assert.Equal("Treu cannot start: Treu:Database:WriteLanes is 0; it must be from 1 to 64.", line);
    }

    [Fact]
    public async Task Valid_settings_run_the_command()
    {
        var (code, output) = await App.TreuWith(["--Treu:Database:WriteLanes=2", "--Treu:Limits:MaxPageSize=50"], "migrate");

        Assert.Equal(0, code);
        Assert.Contains("Database is up to date.", output);
    }
}

public sealed class SettingsAtStartOnSqlite(SqliteApp app) : SettingsAtStartSpec(app), IClassFixture<SqliteApp>;

public sealed class SettingsAtStartOnPostgres(PostgresApp app) : SettingsAtStartSpec(app), IClassFixture<PostgresApp>;
