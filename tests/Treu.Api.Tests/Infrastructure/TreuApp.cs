using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Treu.Server.Jobs;
using Treu.Server.Storage;
using Treu.Testing;

namespace Treu.Api.Tests.Infrastructure;

/// <summary>
/// One Treu server in memory over one fresh database (a copy of the run's migrated template), with a test clock and an
/// admin key. Each test class gets its own; tests in a class share it and keep apart by enrolling their own members.
/// </summary>
public abstract class TreuApp : IAsyncLifetime
{
    public const string AdminKey = "test_admin_key_0123456789";

    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public TestClock Clock { get; } = new();

    public abstract string Provider { get; }

    /// <summary>Transactions of this app's hosts that wait for SQLite's write lock, which a transaction takes as it begins.</summary>
    protected BeginningTransactions WriteLockWaits { get; } = new();

    /// <summary>Waits until as many of the app's writes as given wait for a lock the test holds in the database.</summary>
    public abstract Task UntilWritesWaitForALockAsync(int writes);

    /// <summary>Why this database is not available here, or null when it is.</summary>
    public string? Unavailable { get; protected set; }

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    public WebApplicationFactory<Program> Host => _hosts[0];

    protected abstract Task<IReadOnlyDictionary<string, string?>?> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync();

    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();

    /// <summary>The database settings, as an operator would pass them to the <c>treu</c> command.</summary>
    public IEnumerable<string> CommandLineSettings => _settings.Select(s => $"--{s.Key}={s.Value}");

    public async ValueTask InitializeAsync()
    {
        var settings = await CreateDatabaseAsync();
        if (settings is null)
        {
            return;
        }

        _settings = settings;
        Mail.Start();
        var host = StartHost();
        Admin = Client(host, AdminKey);
        Anonymous = host.CreateClient();
    }

    /// <summary>The SMTP server the app's hosts send their mail to (sign-in codes).</summary>
    public MailCatcher Mail { get; } = new();

    /// <summary>What the servers logged at error level or above, from the first start on.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>
    /// Another server process on the same database, as a second node behind a load balancer would be;
    /// <paramref name="configure"/> has the last word on its settings.
    /// </summary>
    public WebApplicationFactory<Program> StartHost(Action<IWebHostBuilder>? configure = null)
    {
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in _settings)
            {
                b.UseSetting(key, value);
            }

            b.UseSetting("Treu:Bootstrap:AdminApiKey", AdminKey);
            b.UseSetting("Treu:Demo:Seed", "false");
            b.UseSetting("Treu:Jobs:Enabled", "false");
            b.UseSetting("Treu:Mail:Host", "127.0.0.1");
            b.UseSetting("Treu:Mail:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Treu:Mail:Security", "none");
            b.UseSetting("Treu:Webhooks:Enabled", "false");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.ConfigureDbContext<SqliteTreuDbContext>(o => o.AddInterceptors(WriteLockWaits));
            });
            b.ConfigureLogging(l => l.AddProvider(Errors));
            configure?.Invoke(b);
        });
        _ = host.Server; // start now: migrations run here, not inside the first test's timing
        _hosts.Add(host);
        return host;
    }

    public HttpClient Client(string key) => Client(Host, key);

    public static HttpClient Client(WebApplicationFactory<Program> host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Creates an API key through the admin API and returns a client that uses it.</summary>
    public async Task<HttpClient> ClientWithScope(string scope, string? storeId = null)
    {
        var response = await Admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = $"test {scope}", scope, storeId });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        return Client(created!["key"]!.GetValue<string>());
    }

    /// <summary>
    /// Runs a background job the way the timer would, on the given host (default: the first); with a
    /// <paramref name="batchSize"/>, in batches that small, so that a few lots take many batches and rounds, and with
    /// <paramref name="parallel"/> batches at a time (otherwise the defaults).
    /// </summary>
    public async Task<int> RunJob(string job, WebApplicationFactory<Program>? host = null, int? batchSize = null, int? parallel = null)
    {
        await using var scope = (host ?? Host).Services.CreateAsyncScope();
        if (job == TierReview.Name)
        {
            var review = batchSize is null && parallel is null
                ? scope.ServiceProvider.GetRequiredService<TierReview>()
                : ActivatorUtilities.CreateInstance<TierReview>(scope.ServiceProvider, Options.Create(JobsIn(batchSize, parallel)));
            return (await review.RunAsync(CancellationToken.None)).Processed;
        }

        var jobs = batchSize is null && parallel is null
            ? scope.ServiceProvider.GetRequiredService<LotJobs>()
            : ActivatorUtilities.CreateInstance<LotJobs>(scope.ServiceProvider, Options.Create(JobsIn(batchSize, parallel)));
        return (await jobs.RunAsync(job, CancellationToken.None)).Processed;
    }

    private static TreuOptions JobsIn(int? batchSize, int? parallel)
    {
        var options = new TreuOptions();
        options.Jobs.BatchSize = batchSize ?? options.Jobs.BatchSize;
        options.Jobs.Parallel = parallel ?? options.Jobs.Parallel;
        return options;
    }

    /// <summary>Direct database access, for what no API shows (and for tampering, as an attacker with DB access would).</summary>
    public async Task<T> Db<T>(Func<TreuDbContext, Task<T>> query)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TreuDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_hosts.Count > 0)
        {
            await DropDatabaseAsync();
        }

        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A copy of the migrated template database in a folder of its own; the server's migration at start finds nothing to do.</summary>
public class SqliteApp : TreuApp
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "treu-tests", Guid.NewGuid().ToString("n"));
    private readonly bool _fromTemplate;

    public SqliteApp() : this(fromTemplate: true)
    {
    }

    /// <param name="fromTemplate">False: an empty database, which the server migrates itself at start.</param>
    protected SqliteApp(bool fromTemplate) => _fromTemplate = fromTemplate;

    public override string Provider => "sqlite";

    protected override async Task<IReadOnlyDictionary<string, string?>?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "treu.db");
        if (_fromTemplate)
        {
            File.Copy(await TestDatabases.SqliteTemplateAsync(), path);
        }

        return new Dictionary<string, string?>
        {
            ["Treu:Database:Provider"] = "sqlite",
            ["Treu:Database:SqlitePath"] = path,
        };
    }

    public override async Task UntilWritesWaitForALockAsync(int writes) =>
        Assert.True(await Poll.UntilAsync(() => WriteLockWaits.Count >= writes, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken),
            $"{WriteLockWaits.Count} writes wait for SQLite's write lock, not {writes}.");

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>An empty SQLite file: the server applies every migration at start, as on a new installation.</summary>
public sealed class EmptySqliteApp() : SqliteApp(fromTemplate: false);

/// <summary>
/// A copy of the migrated template database on the test run's PostgreSQL (<see cref="TestDatabases"/>). Without one the
/// tests skip and say why; under CI=true they fail instead.
/// </summary>
public class PostgresApp : TreuApp
{
    private readonly bool _fromTemplate;
    private PostgresDatabase? _database;

    public PostgresApp() : this(fromTemplate: true)
    {
    }

    /// <param name="fromTemplate">False: an empty database, which the server migrates itself at start.</param>
    protected PostgresApp(bool fromTemplate) => _fromTemplate = fromTemplate;

    public override string Provider => "postgresql";

    protected override async Task<IReadOnlyDictionary<string, string?>?> CreateDatabaseAsync()
    {
        var server = await TestDatabases.PostgresAsync();
        if (server.ConnectionString is null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true, so the PostgreSQL tests must run: {server.Unavailable}");
            }

            Unavailable = $"PostgreSQL tests skipped: {server.Unavailable}";
            return null;
        }

        var template = _fromTemplate ? await TestDatabases.PostgresTemplateAsync() : null;
        _database = await PostgresDatabase.CreateAsync(server.ConnectionString, PostgresDatabase.UniqueName("treu_test"), template);
        return new Dictionary<string, string?>
        {
            ["Treu:Database:Provider"] = "postgresql",
            ["Treu:Database:ConnectionString"] = _database.ConnectionString,
        };
    }

    public override async Task UntilWritesWaitForALockAsync(int writes)
    {
        var waiting = 0L;
        var reached = await Poll.UntilAsync(async ct =>
        {
            await using var connection = new NpgsqlConnection(_database!.ConnectionString);
            await connection.OpenAsync(ct);
            await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
            waiting = (long)(await count.ExecuteScalarAsync(ct))!;
            return waiting >= writes;
        }, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(reached, $"{waiting} sessions wait for a lock, not {writes}.");
    }

    protected override async Task DropDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>An empty PostgreSQL database: the server applies every migration at start, as on a new installation.</summary>
public sealed class EmptyPostgresApp() : PostgresApp(fromTemplate: false);

/// <summary>The transactions asked to begin that have not begun (or failed to) yet, by their connection.</summary>
public sealed class BeginningTransactions : DbTransactionInterceptor
{
    private readonly ConcurrentDictionary<Guid, byte> _beginning = new();

    public int Count => _beginning.Count;

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        _beginning.TryAdd(eventData.ConnectionId, 0);
        return result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _beginning.TryRemove(eventData.ConnectionId, out _);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => _beginning.TryRemove(eventData.ConnectionId, out _);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }
}
