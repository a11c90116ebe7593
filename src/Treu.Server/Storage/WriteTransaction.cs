using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Treu.Domain.Members;

namespace Treu.Server.Storage;

/// <summary>
/// SQLite allows one writer at a time; queueing writers in the process is cheaper than letting them spin on
/// SQLITE_BUSY. On PostgreSQL the member row lock does the serialising and the gate lets everything through.
/// </summary>
public sealed class WriteGate(bool serialize)
{
    private readonly SemaphoreSlim? _gate = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_gate is null)
        {
            return NoLock.Instance;
        }

        await _gate.WaitAsync(ct);
        return new Release(_gate);
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}

/// <summary>
/// Runs a unit of work in one database transaction, retrying it from the start when the database reports a
/// serialization failure, a deadlock or a busy file. The work must be safe to run again: it re-reads what it needs.
/// </summary>
public sealed class WriteTransaction(TreuDbContext db, WriteGate gate, GroupCommit groups, ILogger<WriteTransaction> log)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Like the overload without a group, but the work may share its commit with other requests' (see <see cref="GroupCommit"/>).
    /// Only for work whose sole effect is the changes it leaves for the final SaveChanges: nothing saved half-way.
    /// Without a group (or with group commit switched off), the work runs in a transaction of its own.
    /// </summary>
    public Task<T> RunAsync<T>(CommitGroup? group, Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct) =>
        group is { } shared && groups.Enabled ? groups.RunAsync(shared, db, this, work, commit, ct) : RunAsync(work, commit, ct, direct: group is not null);

    /// <param name="direct">Save with <see cref="DirectSave"/> (the hot path's writes) instead of EF Core's SaveChanges.</param>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, Func<T, bool> commit, CancellationToken ct, bool direct = false)
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
                        await (direct ? DirectSave.SaveAsync(db, ct) : db.SaveChangesAsync(ct));
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

    /// <summary>
    /// Locks the member's row for the rest of the transaction, so two tills cannot both spend the same points.
    /// SQLite's write transaction already holds the database-wide write lock.
    /// </summary>
    public async Task<Member?> LockMemberAsync(string programId, string memberId, CancellationToken ct)
    {
        if (db.Batch is { } batch && await batch.LockMemberAsync(db, programId, memberId, ct) is (true, var locked))
        {
            return locked;
        }

        return db.IsPostgres
            ? await db.Members.FromSqlInterpolated($"SELECT * FROM members WHERE program_id = {programId} AND id = {memberId} FOR UPDATE").SingleOrDefaultAsync(ct)
            : await MemberById.For(db)(db, programId, memberId, ct);
    }

    // Every write of the hot path starts here, on SQLite inside the one write lane.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, CancellationToken, Task<Member?>>> MemberById = new(() => EF.CompileAsyncQuery(
        (TreuDbContext db, string programId, string memberId, CancellationToken ct) => db.Members.SingleOrDefault(m => m.ProgramId == programId && m.Id == memberId)));

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
