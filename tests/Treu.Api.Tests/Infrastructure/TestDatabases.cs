using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Storage;
using Treu.Testing;

[assembly: AssemblyFixture(typeof(TestDatabases))]

namespace Treu.Api.Tests.Infrastructure;

/// <summary>
/// What the apps of a test run start from: one migrated template database per provider, which each app copies instead
/// of migrating a database of its own, and the PostgreSQL server (<c>TREU_TEST_POSTGRES</c>, or else a throwaway
/// cluster started for the run). Each is made by the first app that needs it, while the others wait; all are removed
/// when the run ends.
/// </summary>
public sealed class TestDatabases : IAsyncDisposable
{
    public const string Variable = "TREU_TEST_POSTGRES";

    private static readonly string RunId = Guid.NewGuid().ToString("n")[..10];
    private static readonly string SqliteTemplateDir = Path.Combine(Path.GetTempPath(), "treu-tests", "template-" + RunId);
    private static readonly Lazy<Task<string>> SqliteTemplate = new(BuildSqliteTemplateAsync);
    private static readonly Lazy<Task<PostgresServer>> Postgres = new(StartPostgresAsync);
    private static readonly Lazy<Task<PostgresDatabase>> PostgresTemplate = new(BuildPostgresTemplateAsync);

    /// <summary>A migrated SQLite file, to be copied.</summary>
    public static Task<string> SqliteTemplateAsync() => SqliteTemplate.Value;

    /// <summary>The PostgreSQL server the apps create their databases on, or why there is none.</summary>
    public static Task<PostgresServer> PostgresAsync() => Postgres.Value;

    /// <summary>The name of a migrated PostgreSQL database, to be given as the template of a new one.</summary>
    public static async Task<string> PostgresTemplateAsync() => (await PostgresTemplate.Value).Name;

    private static async Task<string> BuildSqliteTemplateAsync()
    {
        Directory.CreateDirectory(SqliteTemplateDir);
        var path = Path.Combine(SqliteTemplateDir, "treu.db");
        var options = new DbContextOptionsBuilder<SqliteTreuDbContext>();
        StorageServices.ConfigureSqlite(options, path);
        await using (var db = new SqliteTreuDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            // Closed for good, so that the file is whole when copied.
            using var pooled = new SqliteConnection(db.Database.GetConnectionString());
            SqliteConnection.ClearPool(pooled);
        }

        return path;
    }

    private static async Task<PostgresServer> StartPostgresAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return new PostgresServer(given, null, null);
        }

        if (PostgresCluster.Unavailable() is { } why)
        {
            return new PostgresServer(null, null, $"{why} Set {Variable} to use a PostgreSQL of your own.");
        }

        var cluster = await PostgresCluster.StartAsync();
        return new PostgresServer(cluster.ServerConnectionString + ";Maximum Pool Size=50", cluster, null);
    }

    private static async Task<PostgresDatabase> BuildPostgresTemplateAsync()
    {
        var server = (await PostgresAsync()).ConnectionString ?? throw new InvalidOperationException("No PostgreSQL for the template.");
        var template = await PostgresDatabase.CreateAsync(server, "treu_template_" + RunId);
        var options = new DbContextOptionsBuilder<PostgresTreuDbContext>();
        // Unpooled: a copy is refused while anyone is connected to the template.
        StorageServices.ConfigurePostgres(options, template.ConnectionString + ";Pooling=false");
        await using var db = new PostgresTreuDbContext(options.Options);
        await db.Database.MigrateAsync();
        return template;
    }

    public async ValueTask DisposeAsync()
    {
        if (PostgresTemplate.IsValueCreated && PostgresTemplate.Value.IsCompletedSuccessfully)
        {
            await PostgresTemplate.Value.Result.DisposeAsync();
        }

        if (Postgres.IsValueCreated && Postgres.Value.IsCompletedSuccessfully && Postgres.Value.Result.Cluster is { } cluster)
        {
            await cluster.DisposeAsync();
        }

        if (Directory.Exists(SqliteTemplateDir))
        {
            Directory.Delete(SqliteTemplateDir, recursive: true);
        }
    }
}

/// <param name="ConnectionString">A user that may create databases, on the maintenance database; null when there is no server.</param>
/// <param name="Cluster">The throwaway cluster started for the run, if the server is one.</param>
/// <param name="Unavailable">Why there is no server.</param>
public sealed record PostgresServer(string? ConnectionString, PostgresCluster? Cluster, string? Unavailable);
