using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        services.AddScoped<MemberLedgerStore>();
        services.AddScoped<BulkWriter>();
        return services;
    }

    private static DatabaseOptions Database(IServiceProvider sp) => sp.GetRequiredService<IOptions<TreuOptions>>().Value.Database;

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithHotPathDefaults(connectionString)).UseSnakeCaseNamingConvention();

    /// <summary>
    /// Npgsql settings for the hot path, unless the operator's connection string sets them itself:
    /// <list type="bullet">
    /// <item>The hot path runs the same dozen statements over and over: Npgsql prepares them on each connection, so
    /// PostgreSQL parses and plans them once rather than for every purchase.</item>
    /// <item>No session reset when a connection goes back to the pool. Treu keeps no session state (no SET, temporary
    /// tables, LISTEN or session advisory locks), and the reset is seven statements (RESET ALL, DISCARD TEMP …) sent with
    /// the next use of every connection: a large share of all the statements the hot path makes PostgreSQL run.</item>
    /// </list>
    /// </summary>
    public static string WithHotPathDefaults(string connectionString)
    {
        var set = Keywords(connectionString);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!set.Contains("maxautoprepare") && !set.Contains("autoprepareminusages"))
        {
            builder.MaxAutoPrepare = 128;
            builder.AutoPrepareMinUsages = 2;
        }

        if (!set.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>The keywords a connection string sets, lower case without spaces ("Max Auto Prepare" and "MaxAutoPrepare" alike).</summary>
    private static HashSet<string> Keywords(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);

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
    /// An acknowledged purchase must survive a power cut: every connection syncs the write-ahead log on commit
    /// (synchronous=FULL), whatever the library's compiled-in default is. Set once per SQLite connection handle: a pooled
    /// connection keeps its handle, and with it the setting, from one use to the next.
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();

        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = new();
        private static readonly object Done = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            var handle = (connection as SqliteConnection)?.Handle;
            if (handle is not null && Applied.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=FULL;";
            command.ExecuteNonQuery();
            if (handle is not null)
            {
                Applied.AddOrUpdate(handle, Done);
            }
        }
    }
}
