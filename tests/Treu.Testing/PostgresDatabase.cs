using Npgsql;

namespace Treu.Testing;

/// <summary>A database of its own on a PostgreSQL server, dropped when disposed.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlConnectionStringBuilder Parts => new(ConnectionString);

    /// <summary>A name no other database on the server has: the prefix and a random suffix.</summary>
    public static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():n}"[..(prefix.Length + 11)];

    /// <summary>
    /// Creates the database on the server a connection string names (a user that may create databases); with a
    /// <paramref name="template"/>, as a copy of that database, which nobody may be connected to meanwhile.
    /// </summary>
    public static async Task<PostgresDatabase> CreateAsync(string server, string name, string? template = null, CancellationToken ct = default)
    {
        var database = new PostgresDatabase(server, name);
        await database.ExecuteOnServerAsync(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", ct);
        return database;
    }

    public async Task ExecuteAsync(string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gathers the planner's statistics on every table, as autovacuum does in time on a database in service.</summary>
    public Task AnalyzeAsync() => ExecuteAsync("ANALYZE");

    /// <summary>Flushes dirty pages now, so that a checkpoint does not land in the middle of a measured phase; needs a superuser.</summary>
    public async Task CheckpointAsync()
    {
        try
        {
            await ExecuteAsync("CHECKPOINT");
        }
        catch (PostgresException)
        {
        }
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", CancellationToken.None);
    }
}
