namespace Treu.Server.Storage;

public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (default, embedded) or <c>postgresql</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The SQLite file; relative paths are relative to the working directory. By default in the user's data folder
    /// (<c>~/.local/share/treu/treu.db</c> on Linux), outside the content root: ASP.NET Core watches the content root for
    /// changed settings files and would be woken by every write to a database there.
    /// </summary>
    public string SqlitePath { get; set; } = DefaultSqlitePath;

    public static string DefaultSqlitePath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "treu", "treu.db");

    /// <summary>The PostgreSQL connection string (Npgsql format).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Let concurrent ledger writes share one commit (see GroupCommit). Off: one transaction per request.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>
    /// Writers committing in parallel; by default on PostgreSQL one per core (2 to 8), on SQLite 1 (which has one writer anyway).
    /// A lane waits for each of its round trips to the database; more lanes than cores only split the batches smaller
    /// (docs/performance.md has the load benchmark's figures).
    /// </summary>
    public int? WriteLanes { get; set; }

    /// <summary>The lanes used when <see cref="WriteLanes"/> is not set.</summary>
    public int DefaultWriteLanes => IsPostgres ? Math.Clamp(Environment.ProcessorCount, 2, 8) : 1;

    /// <summary>The most requests one commit may hold.</summary>
    public int MaxBatch { get; set; } = 64;

    public bool IsPostgres => Provider == DatabaseProvider.PostgreSql;
}
