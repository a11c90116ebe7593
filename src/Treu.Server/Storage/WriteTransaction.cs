using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Treu.Server.Storage;

/// <summary>
/// Runs a unit of work in one database transaction, retrying it from the start when the database reports a
/// serialization failure, a deadlock or a busy file. The work must be safe to run again: it re-reads what it needs.
/// Two ways in: <see cref="RunSharedAsync{T}"/> for the ledger's hot path, whose work may share a commit with other
/// requests', and <see cref="RunAloneAsync{T}"/> for everything else.
/// </summary>
public sealed class WriteTransaction(TreuDbContext db, WriteGate gate, GroupCommit groups, ILogger<WriteTransaction> log)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Work that may share its commit with other requests' (see <see cref="GroupCommit"/>; with group commit switched off,
    /// a transaction of its own). Its only effect must be the rows it leaves for the save — tracked changes and rows given to
    /// <see cref="TreuDbContext.Insert{T}"/> — which <see cref="DirectSave"/> writes: nothing may be saved half-way.
    /// </summary>
    /// <param name="commit">Whether the work's result is to be committed (a refusal rolls back).</param>
    public Task<T> RunSharedAsync<T>(CommitGroup group, Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct) =>
        groups.Enabled ? groups.RunAsync(group, db, this, work, commit, ct) : RunOwnAsync(work, commit, SaveWith.DirectSave, ct);

    /// <summary>Work in a transaction of its own, saved with EF Core's SaveChanges (it may also write and save as it goes).</summary>
    public Task<T> RunAloneAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct) =>
        RunOwnAsync(work, commit, SaveWith.SaveChanges, ct);

    /// <summary>A shared write run on its own after all: its batch was rolled back, or it found no lane.</summary>
    internal Task<T> RunSharedAloneAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct) =>
        RunOwnAsync(work, commit, SaveWith.DirectSave, ct);

    private enum SaveWith
    {
        /// <summary>The hot path's statements made once and kept prepared.</summary>
        DirectSave,
        SaveChanges,
    }

    private async Task<T> RunOwnAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, SaveWith save, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using (await gate.EnterAsync(ct))
            {
                db.Forget();
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                try
                {
                    var result = await work(ct);
                    if (commit(result))
                    {
                        await (save == SaveWith.DirectSave ? DirectSave.SaveAsync(db, ct) : db.SaveChangesAsync(ct));
                        await tx.CommitAsync(ct);
                    }
                    else
                    {
                        await tx.RollbackAsync(ct);
                    }

                    return result;
                }
                catch (Exception e) when (IsTransient(e) && attempt < MaxAttempts)
                {
                    log.LogInformation("Write attempt {Attempt} hit a transient conflict ({Message}); retrying", attempt, e.GetBaseException().Message);
                }
                finally
                {
                    db.Forget();
                }
            }

            await Task.Delay(Random.Shared.Next(2, 10 * attempt), ct);
        }
    }

    public static bool IsTransient(Exception e) => e.GetBaseException() switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        SqliteException sq => sq.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        _ => false,
    };

    public static bool IsUniqueViolation(Exception e) => e.GetBaseException() switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sq => sq.SqliteErrorCode == 19 && sq.SqliteExtendedErrorCode is 2067 or 1555, // UNIQUE, PRIMARYKEY
        DbException => false,
        _ => false,
    };
}
