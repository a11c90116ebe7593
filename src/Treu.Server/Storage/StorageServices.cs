using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Treu.Server.Storage;

public static class StorageServices
{
    public static IServiceCollection AddTreuStorage(this IServiceCollection services, DatabaseOptions database)
    {
        if (database.IsPostgres)
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException("Treu:Database:Provider is postgresql but Treu:Database:ConnectionString is empty.");
            }

            services.AddDbContextPool<PostgresTreuDbContext>(o => ConfigurePostgres(o, database.ConnectionString));
            services.AddScoped<TreuDbContext>(sp => sp.GetRequiredService<PostgresTreuDbContext>());
            services.AddSingleton(new WriteGate(serialize: false));
        }
        else
        {
            services.AddDbContextPool<SqliteTreuDbContext>(o => ConfigureSqlite(o, database.SqlitePath));
            services.AddScoped<TreuDbContext>(sp => sp.GetRequiredService<SqliteTreuDbContext>());
            services.AddSingleton(new WriteGate(serialize: true));
        }

        services.AddScoped<WriteTransaction>();
        return services;
    }

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        // Default Timeout is also SQLite's busy timeout: a writer from another process waits instead of failing.
        options.UseSqlite($"Data Source={path};Pooling=True;Default Timeout=30").UseSnakeCaseNamingConvention();
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
