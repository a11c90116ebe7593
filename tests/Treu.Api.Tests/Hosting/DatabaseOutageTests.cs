using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treu.Server.Hosting;

namespace Treu.Api.Tests.Hosting;

/// <summary>A database outage is answered 503 database_unavailable (retry later), not 500 internal_error (a bug).</summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<string> Outages => ["restart", "refused", "busy", "wrapped"];

    [Theory]
    [MemberData(nameof(Outages))]
    public void An_outage_of_the_database_is_recognised(string kind)
    {
        Exception e = kind switch
        {
            // What Npgsql throws while PostgreSQL restarts (pg_ctl restart -m immediate) …
            "restart" => new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
            // … while nothing listens on its port …
            "refused" => new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
            // … SQLite when another process held the write lock past the busy timeout …
            "busy" => new SqliteException("database is locked", 5),
            // … and any of them as EF Core wraps it on SaveChanges.
            _ => new DbUpdateException("An error occurred while saving the entity changes.",
                new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03")),
        };

        Assert.True(Problems.IsDatabaseUnavailable(e));
    }

    [Fact]
    public void A_bug_or_a_constraint_is_not_an_outage()
    {
        Assert.False(Problems.IsDatabaseUnavailable(new InvalidOperationException("Sequence contains more than one element")));
        Assert.False(Problems.IsDatabaseUnavailable(new DbUpdateException("unique", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
        Assert.False(Problems.IsDatabaseUnavailable(new SqliteException("UNIQUE constraint failed", 19)));
    }
}
