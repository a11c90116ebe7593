using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;

namespace Treu.Server.Storage;

public static class StorageServices
{
    /// <summary>
    /// Both providers are registered; which one serves <see cref="TreuDbContext"/> is read from the options when first
    /// resolved, so configuration supplied late (tests, command line) is honoured.
    /// </summary>
    public static IServiceCollection AddTreuStorage(this IServiceCollection services)
    {
        services.AddDbContextPool<PostgresTreuDbContext>((sp, o) => ConfigurePostgres(o, Database(sp).ConnectionString
            ?? throw new InvalidOperationException("Treu:Database:Provider is postgresql but Treu:Database:ConnectionString is empty.")));
        services.AddDbContextPool<SqliteTreuDbContext>((sp, o) => ConfigureSqlite(o, Database(sp).SqlitePath));
        services.AddScoped<TreuDbContext>(sp => Database(sp).IsPostgres
            ? sp.GetRequiredService<PostgresTreuDbContext>()
            : sp.GetRequiredService<SqliteTreuDbContext>());
        services.AddSingleton(sp => new WriteGate(serialize: !Database(sp).IsPostgres));
        services.AddSingleton<GroupCommit>();
        services.AddScoped<WriteTransaction>();
        return services;
    }

    private static DatabaseOptions Database(IServiceProvider sp) => sp.GetRequiredService<IOptions<TreuOptions>>().Value.Database;

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPreparedStatements(connectionString)).UseSnakeCaseNamingConvention();

    /// <summary>
    /// The hot path runs the same dozen statements over and over: let Npgsql prepare them on each connection, so
    /// PostgreSQL parses and plans them once rather than for every purchase — unless the operator chose otherwise.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Default Timeout is also SQLite's busy timeout: a writer from another process waits instead of failing.
        options.UseSqlite($"Data Source={path};Pooling=True;Default Timeout=30").UseSnakeCaseNamingConvention()
            .AddInterceptors(SqliteDurability.Instance);
    }

    /// <summary>
    /// An acknowledged purchase must survive a power cut: every commit syncs the write-ahead log
    /// (synchronous=FULL), whatever the library's compiled-in default is.
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteTreuDbContext</c> build the context without the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTreuDbContext>
{
    public SqliteTreuDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteTreuDbContext>();
        StorageServices.ConfigureSqlite(builder, "design-time.db");
        return new SqliteTreuDbContext(builder.Options);
    }
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresTreuDbContext>
{
    public PostgresTreuDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresTreuDbContext>();
        StorageServices.ConfigurePostgres(builder, "Host=localhost;Database=treu_design");
        return new PostgresTreuDbContext(builder.Options);
    }
}
