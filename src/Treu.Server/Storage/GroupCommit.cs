using System.Data.Common;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Treu.Server.Storage;

/// <summary>
/// Group commit for the ledger writes (as TigerBeetle batches transfers): concurrent requests queue here, and each
/// lane runs whatever has queued since its last commit one after another in ONE database transaction, then commits
/// once — one WAL flush for many purchases instead of one each. Each request keeps its own result and its own
/// idempotency record; nothing is acknowledged before the commit that holds it.
/// <para>
/// A request's work runs on the lane's connection: its own DbContext is switched to that connection and enlisted
/// in the lane's transaction for the duration, and switched back afterwards. The rows it saves are held in the batch's
/// <see cref="BatchedRows"/> and written together before the commit (one INSERT per table for the batch), except where
/// another request of the batch could read them. If any work in a batch throws (a
/// unique key taken by another node, a deadlock), the batch is rolled back and each of its requests is run again
/// alone, so the failure reaches only the request it belongs to. Under light load a lane finds one request at a
/// time and runs it alone: the latency is that of an ordinary transaction.
/// </para>
/// </summary>
public sealed class GroupCommit : IAsyncDisposable
{
    private readonly Lane[] _lanes;
    private readonly Counters _counters = new();
    private int _nextAny;

    public GroupCommit(IServiceScopeFactory scopes, WriteGate gate, IOptions<TreuOptions> options, IMeterFactory meters, ILogger<GroupCommit> log)
    {
        var settings = options.Value.Database;
        var lanes = settings.GroupCommit ? Math.Max(1, settings.WriteLanes ?? settings.DefaultWriteLanes) : 0;
        _lanes = Enumerable.Range(0, lanes).Select(i => new Lane(i, scopes, gate, Math.Max(1, settings.MaxBatch), keepOpen: !settings.IsPostgres, _counters, log)).ToArray();

        var meter = meters.Create("Treu.Storage");
        meter.CreateObservableCounter("treu.group_commit.batches", () => Volatile.Read(ref _counters.Batches), "{commit}",
            "Commits that held more than one request's write");
        meter.CreateObservableCounter("treu.group_commit.batched_writes", () => Volatile.Read(ref _counters.BatchedWrites), "{write}",
            "Requests' writes committed in a shared commit");
        meter.CreateObservableCounter("treu.group_commit.alone", () => Volatile.Read(ref _counters.Alone), "{write}",
            "Requests' writes committed on their own (no company, or after a batch was rolled back)");
    }

    public bool Enabled => _lanes.Length > 0;

    /// <summary>Shared commits so far and the writes they held, for the operator (also exported as metrics).</summary>
    public (long Batches, long BatchedWrites, long Alone) Totals =>
        (Volatile.Read(ref _counters.Batches), Volatile.Read(ref _counters.BatchedWrites), Volatile.Read(ref _counters.Alone));

    public Task<T> RunAsync<T>(CommitGroup group, TreuDbContext db, WriteTransaction alone, Func<CancellationToken, Task<T>> work, Func<T, bool> commit,
        CancellationToken ct)
    {
        var lane = group.Key.Length == 0
            ? _lanes[(int)((uint)Interlocked.Increment(ref _nextAny) % (uint)_lanes.Length)]
            : _lanes[(int)((uint)StringComparer.Ordinal.GetHashCode(group.Key) % (uint)_lanes.Length)];
        var write = new PendingWrite<T>(group, db, alone, work, commit, ct);
        return lane.Enqueue(write) ? write.Result : alone.RunSharedAloneAsync(work, commit, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in _lanes)
        {
            await lane.DisposeAsync();
        }
    }

    private sealed class Counters
    {
        public long Batches;
        public long BatchedWrites;
        public long Alone;
    }

    /// <summary>One request's write, waiting for a lane.</summary>
    private abstract class PendingWrite(CommitGroup group, TreuDbContext db, CancellationToken requestAborted)
    {
        /// <summary>The member the write is grouped by ("" for none).</summary>
        public string Group { get; } = group.Key;

        /// <summary>The keys the write keeps its answer under.</summary>
        public IReadOnlyList<AnswerKey> Answers { get; } = group.Answers;

        public TreuDbContext Db { get; } = db;

        public CancellationToken RequestAborted { get; } = requestAborted;

        /// <summary>Runs the work inside the lane's transaction and hands its changes to the batch's rows if it decided to save.</summary>
        public abstract Task RunInBatchAsync(BatchedRows rows, DbTransaction transaction, CancellationToken ct);

        /// <summary>Runs the work in a transaction of its own, completing the request either way.</summary>
        public abstract Task RunAloneAsync();

        public abstract void Committed();

        public abstract void Failed(Exception e);

        public abstract void Cancelled();
    }

    private sealed class PendingWrite<T>(CommitGroup group, TreuDbContext db, WriteTransaction alone, Func<CancellationToken, Task<T>> work, Func<T, bool> commit,
        CancellationToken requestAborted) : PendingWrite(group, db, requestAborted)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Result => _done.Task;

        public override async Task RunInBatchAsync(BatchedRows rows, DbTransaction transaction, CancellationToken ct)
        {
            _result = await work(ct);
            if (commit(_result))
            {
                await rows.SaveAsync(Db, Group, transaction, ct);
            }
        }

        public override async Task RunAloneAsync()
        {
            try
            {
                _done.TrySetResult(await alone.RunSharedAloneAsync(work, commit, RequestAborted));
            }
            catch (OperationCanceledException) when (RequestAborted.IsCancellationRequested)
            {
                _done.TrySetCanceled(RequestAborted);
            }
            catch (Exception e)
            {
                _done.TrySetException(e);
            }
        }

        public override void Committed() => _done.TrySetResult(_result);

        public override void Failed(Exception e) => _done.TrySetException(e);

        public override void Cancelled() => _done.TrySetCanceled(RequestAborted);
    }

    private sealed class Lane : IAsyncDisposable
    {
        private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
        private readonly AsyncServiceScope _scope;
        private readonly TreuDbContext _db;
        private readonly WriteGate _gate;
        private readonly int _maxBatch;
        private readonly bool _keepOpen;
        private readonly ILogger _log;
        private readonly int _number;
        private readonly Counters _counters;
        private readonly Task _loop;
        private readonly BatchedRows _rows = new();

        public Lane(int number, IServiceScopeFactory scopes, WriteGate gate, int maxBatch, bool keepOpen, Counters counters, ILogger log)
        {
            (_number, _gate, _maxBatch, _keepOpen, _counters, _log) = (number, gate, maxBatch, keepOpen, counters, log);
            // The lane's own context is made here, not in the loop: a host disposed right after start must not race it.
            _scope = scopes.CreateAsyncScope();
            _db = _scope.ServiceProvider.GetRequiredService<TreuDbContext>();
            _loop = Task.Run(LoopAsync);
        }

        public bool Enqueue(PendingWrite write) => _queue.Writer.TryWrite(write);

        private async Task LoopAsync()
        {
            var batch = new List<PendingWrite>(_maxBatch);
            try
            {
                // Ends when DisposeAsync completes the queue and the queue is drained.
                while (await _queue.Reader.WaitToReadAsync())
                {
                    batch.Clear();
                    while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var write))
                    {
                        if (write.RequestAborted.IsCancellationRequested)
                        {
                            write.Cancelled();
                        }
                        else
                        {
                            batch.Add(write);
                        }
                    }

                    if (batch.Count == 1)
                    {
                        Interlocked.Increment(ref _counters.Alone);
                        await batch[0].RunAloneAsync();
                    }
                    else if (batch.Count > 1)
                    {
                        await RunBatchAsync(batch);
                    }
                }
            }
            finally
            {
                // Should the loop ever fail: whatever is still queued runs alone, so no caller waits forever.
                while (_queue.Reader.TryRead(out var write))
                {
                    await write.RunAloneAsync();
                }
            }
        }

        private async Task RunBatchAsync(List<PendingWrite> batch)
        {
            using (await _gate.EnterAsync(CancellationToken.None))
            {
                var ran = false;
                try
                {
                    ran = await TryBatchAsync(batch);
                }
                catch (Exception e)
                {
                    // The commit itself failed: whether it took effect is unknown, so no request is run again here.
                    // Each caller gets the error; a retry with its idempotency key finds out what happened.
                    _log.LogError(e, "Group commit of {Count} writes on lane {Lane} failed", batch.Count, _number);
                    await _db.Database.CloseConnectionAsync();
                    foreach (var write in batch)
                    {
                        write.Failed(e);
                    }

                    return;
                }

                if (ran)
                {
                    Interlocked.Increment(ref _counters.Batches);
                    Interlocked.Add(ref _counters.BatchedWrites, batch.Count);
                    foreach (var write in batch)
                    {
                        write.Committed();
                    }

                    return;
                }
            }

            Interlocked.Add(ref _counters.Alone, batch.Count);
            foreach (var write in batch)
            {
                await write.RunAloneAsync();
            }
        }

        /// <summary>True when every write ran and the batch committed; false when a write threw and the batch was rolled back.</summary>
        private async Task<bool> TryBatchAsync(List<PendingWrite> batch)
        {
            // A batch is not cancelled half-way by anyone's request: it commits or rolls back as a whole.
            var ct = CancellationToken.None;
            _db.Forget();
            if (_keepOpen && _db.Database.GetDbConnection().State != System.Data.ConnectionState.Open)
            {
                // Kept open between batches, so that the statements DirectSave prepared on it stay prepared.
                await _db.Database.OpenConnectionAsync(ct);
            }

            await using var tx = await _db.Database.BeginTransactionAsync(ct);
            var connection = _db.Database.GetDbConnection();
            var transaction = tx.GetDbTransaction();
            // On SQLite a read is a call into the process, not a statement sent to a server: each write reads for itself.
            var reads = _db.IsPostgres ? new BatchReads(batch.Select(w => w.Group), batch.SelectMany(w => w.Answers)) : null;
            try
            {
                foreach (var write in batch)
                {
                    if (_rows.Holds(write.Group))
                    {
                        // The member's earlier write of this batch is written first, so that this one reads it.
                        await _rows.FlushAsync(transaction, ct);
                    }

                    await EnlistedAsync(write, connection, transaction, _rows, reads, ct);
                }

                await _rows.FlushAsync(transaction, ct);
            }
            catch (Exception e)
            {
                _log.LogInformation("A write in a batch of {Count} on lane {Lane} failed ({Message}); running the batch's writes one by one",
                    batch.Count, _number, e.GetBaseException().Message);
                _rows.Clear();
                await tx.RollbackAsync(CancellationToken.None);
                await _db.Database.CloseConnectionAsync();
                return false;
            }

            await tx.CommitAsync(CancellationToken.None);
            return true;
        }

        private static async Task EnlistedAsync(PendingWrite write, DbConnection connection, DbTransaction transaction, BatchedRows rows, BatchReads? reads,
            CancellationToken ct)
        {
            var db = write.Db.Database;
            var connectionString = db.GetConnectionString();
            write.Db.Forget();
            db.SetDbConnection(connection, contextOwnsConnection: false);
            write.Db.Batch = reads;
            try
            {
                await db.UseTransactionAsync(transaction, ct);
                await write.RunInBatchAsync(rows, transaction, ct);
            }
            finally
            {
                write.Db.Batch = null;
                write.Db.Forget();
                await db.UseTransactionAsync(null, CancellationToken.None);
                db.SetDbConnection(null, contextOwnsConnection: true);
                db.SetConnectionString(connectionString);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _queue.Writer.TryComplete();
            await _loop;
            await _scope.DisposeAsync();
        }
    }
}
