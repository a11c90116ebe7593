using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Infrastructure;

/// <summary>
/// One Treu server in memory over one fresh database, with a test clock and an admin key. Each test class gets
/// its own; tests in a class share it and keep apart by enrolling their own members.
/// </summary>
public abstract class TreuApp : IAsyncLifetime
{
    public const string AdminKey = "test_admin_key_0123456789";

    private readonly List<WebApplicationFactory<Program>> _hosts = [];

    public TestClock Clock { get; } = new();

    public abstract string Provider { get; }

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
        var host = StartHost();
        Admin = Client(host, AdminKey);
        Anonymous = host.CreateClient();
    }

    /// <summary>What the servers logged at error level or above, from the first start on.</summary>
    public ErrorLog Errors { get; } = new();

    /// <summary>Another server process on the same database, as a second node behind a load balancer would be; <paramref name="configure"/> has the last word on its settings.</summary>
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
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
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

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteApp : TreuApp
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "treu-tests", Guid.NewGuid().ToString("n"));

    public override string Provider => "sqlite";

    protected override Task<IReadOnlyDictionary<string, string?>?> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_dir);
        return Task.FromResult<IReadOnlyDictionary<string, string?>?>(new Dictionary<string, string?>
        {
            ["Treu:Database:Provider"] = "sqlite",
            ["Treu:Database:SqlitePath"] = Path.Combine(_dir, "treu.db"),
        });
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL named by TREU_TEST_POSTGRES (scripts/with-postgres.sh starts one).
/// Without it the tests skip and say why; under CI=true they fail instead.
/// </summary>
public sealed class PostgresApp : TreuApp
{
    public const string Variable = "TREU_TEST_POSTGRES";
    private readonly string _database = "treu_test_" + Guid.NewGuid().ToString("n")[..12];
    private string? _server;

    public override string Provider => "postgresql";

    protected override async Task<IReadOnlyDictionary<string, string?>?> CreateDatabaseAsync()
    {
        _server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL tests must run in CI (see scripts/with-postgres.sh).");
            }

            Unavailable = $"PostgreSQL tests skipped: set {Variable} or run scripts/test.sh, which starts a throwaway PostgreSQL.";
            return null;
        }

        await using (var connection = new NpgsqlConnection(_server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(_server) { Database = _database };
        return new Dictionary<string, string?>
        {
            ["Treu:Database:Provider"] = "postgresql",
            ["Treu:Database:ConnectionString"] = builder.ConnectionString,
        };
    }

    protected override async Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
