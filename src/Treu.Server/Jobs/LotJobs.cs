using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Import;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// Activation (pending → available after the return window) and expiry, in bounded batches: one transaction per
/// batch of members, set-based reads and writes (a million due lots take seconds, not hours).
/// Safe on several nodes at once: a batch locks its members (on PostgreSQL with SKIP LOCKED, so two nodes, or a
/// node and a till, never wait on each other) and re-reads their due lots under the lock; every lot is posted once.
/// </summary>
public sealed class LotJobs(TreuDbContext db, IServiceScopeFactory scopes, ProgramSettings programs, TimeProvider clock, IOptions<TreuOptions> options)
{
    public const string Activation = "activation";
    public const string Expiry = "expiry";
    public const string IdempotencyCleanup = "idempotency-cleanup";
    public static readonly string[] Names = [Activation, Expiry, IdempotencyCleanup];

    public Task<JobRun> RunAsync(string job, CancellationToken ct) => job switch
    {
        Activation => ActivateDueAsync(ct),
        Expiry => ExpireDueAsync(ct),
        IdempotencyCleanup => ForgetOldKeysAsync(ct),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "Unknown job"),
    };

    public async Task<JobRun> ActivateDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Func<IQueryable<PointsLot>, string, IQueryable<PointsLot>> due =
            (lots, programId) => lots.Where(l => l.ProgramId == programId && l.State == LotState.Pending && l.AvailableAt <= now);
        var processed = await ProcessAsync(due, due,
            (posting, lot) => posting.Activate(lot, Source("activation", lot, "Return window ended: points are available")),
            null, now, ct);
        return new JobRun(Activation, processed, now);
    }

    public async Task<JobRun> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The scan asks only what the due index holds, so that it reads the index alone; the batch checks the rest.
        var processed = await ProcessAsync(
            (lots, programId) => lots.Where(l => l.ProgramId == programId && l.State == LotState.Available && l.ExpiresAt <= now),
            (lots, programId) => lots.Where(l => l.ProgramId == programId && l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now),
            (posting, lot) => posting.Expire(lot, Source("expiry", lot, $"Expired: earned {lot.EarnedAt:yyyy-MM-dd}, valid until {lot.ExpiresAt:yyyy-MM-dd}")),
            EventTypes.PointsExpired, now, ct);
        return new JobRun(Expiry, processed, now);
    }

    /// <summary>Forgets expired idempotency keys (receipt ids are kept forever), the oldest first: one statement per batch.</summary>
    public async Task<JobRun> ForgetOldKeysAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batchSize = options.Value.Jobs.BatchSize;
        var deleted = 0;
        while (!ct.IsCancellationRequested)
        {
            var forgotten = await db.IdempotencyRecords.Where(r => r.ExpiresAt != null && r.ExpiresAt < now).OrderBy(r => r.ExpiresAt)
                .Take(batchSize).ExecuteDeleteAsync(ct);
            deleted += forgotten;
            if (forgotten < batchSize)
            {
                break;
            }
        }

        return new JobRun(IdempotencyCleanup, deleted, now);
    }

    /// <summary>
    /// Round after round: find members with due lots in member order (no lock, continuing after the last member the
    /// previous round saw), cut them into batches of about <see cref="JobOptions.BatchSize"/> lots and work the batches
    /// side by side, each on a connection of its own (<see cref="JobOptions.Parallel"/> at a time; the member sets are
    /// disjoint, so they never wait on each other). A batch locks its members, re-reads all their due lots under the
    /// lock, posts them and writes entries, lots and balances set-based, then commits: a till waits at most for one
    /// batch. Members another transaction holds are skipped and picked up by the next run.
    /// The batches go to <see cref="ParallelWriters"/> (a writer per connection, as the import's chunks do): the next
    /// round is found while they run, and a batch starts as soon as a writer is free, so the database and the server
    /// are never both waiting for the slowest batch of a round.
    /// Member order rather than due-date order: consecutive batches touch neighbouring members, so their rows, their
    /// lots and their entries' index pages are neighbours too, where due-date order touched one random page per lot.
    /// </summary>
    private async Task<int> ProcessAsync(Func<IQueryable<PointsLot>, string, IQueryable<PointsLot>> scan, Func<IQueryable<PointsLot>, string, IQueryable<PointsLot>> due,
        Func<LedgerPosting, PointsLot, LedgerEntry?> post, string? eventType, DateTime now, CancellationToken ct)
    {
        var processed = 0;
        var batchSize = options.Value.Jobs.BatchSize;
        var parallel = db.Dialect.JobBatchesAtOnce(options.Value.Jobs.Parallel);
        foreach (var programId in await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            var program = await programs.GetAsync(programId, ct);
            // How many members each batch locked, as it ends; the scan for the next round takes what ended since the last one.
            var ended = new ConcurrentQueue<int>();
            await ParallelWriters.RunAsync<List<string>>(scopes, parallel,
                async (enqueue, token) =>
                {
                    var after = "";
                    while (!token.IsCancellationRequested)
                    {
                        // One member id per due lot, so that the batches can be cut by lots. A member whose lots run past
                        // the limit is still worked whole: its batch re-reads all its due lots.
                        var dueLots = await scan(db.Lots.AsNoTracking(), programId).Where(l => string.Compare(l.MemberId, after) > 0)
                            .OrderBy(l => l.MemberId).Select(l => l.MemberId).Take(batchSize * parallel).ToListAsync(token);
                        var sinceLastRound = new List<int>();
                        while (ended.TryDequeue(out var locked))
                        {
                            sinceLastRound.Add(locked);
                        }

                        if (dueLots.Count == 0 || (sinceLastRound.Count > 0 && sinceLastRound.All(locked => locked == 0)))
                        {
                            // Nothing is due after the last round, or every batch that ended since then found all its members
                            // held by someone else (another node is on them).
                            break;
                        }

                        after = dueLots[^1];
                        foreach (var ids in Batches(dueLots, batchSize))
                        {
                            await enqueue(ids, token);
                        }

                        if (dueLots.Count < batchSize * parallel)
                        {
                            break;
                        }
                    }
                },
                async (services, ids, token) =>
                {
                    var (locked, posted) = await RunBatchAsync(services, program, ids, due, post, eventType, now, token);
                    Interlocked.Add(ref processed, posted);
                    ended.Enqueue(locked);
                },
                ct);
        }

        return processed;
    }

    /// <summary>The members of the due lots (one id per lot, in member order), cut into batches of about <paramref name="batchSize"/> lots.</summary>
    private static List<List<string>> Batches(List<string> dueLots, int batchSize)
    {
        var batches = new List<List<string>>();
        var lots = 0;
        foreach (var member in dueLots.GroupBy(id => id, StringComparer.Ordinal))
        {
            if (batches.Count == 0 || lots >= batchSize)
            {
                batches.Add([]);
                lots = 0;
            }

            batches[^1].Add(member.Key);
            lots += member.Count();
        }

        return batches;
    }

    /// <summary>
    /// One batch in a transaction of its own, on the writer's connection; how many members it locked and lots it posted.
    /// With an <paramref name="eventType"/> (expiry), each member whose points moved gets one event of it, written with the
    /// batch and timed by the batch, not by the run: the events of a long run must not carry a time long before their commit.
    /// </summary>
    private static async Task<(int Locked, int Posted)> RunBatchAsync(IServiceProvider services, Domain.Programs.LoyaltyProgram program, List<string> memberIds,
        Func<IQueryable<PointsLot>, string, IQueryable<PointsLot>> due, Func<LedgerPosting, PointsLot, LedgerEntry?> post, string? eventType, DateTime now,
        CancellationToken ct)
    {
        var batchDb = services.GetRequiredService<TreuDbContext>();
        var bulk = services.GetRequiredService<BulkWriter>();
        var events = services.GetRequiredService<DomainEvents>();
        var batchTime = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var ids = memberIds.Order(StringComparer.Ordinal).ToList();
        return await services.GetRequiredService<WriteTransaction>().RunAloneAsync(async token =>
        {
            var members = await batchDb.Dialect.LockMembersSkippingBusyAsync(batchDb, program.Id, ids, token);
            var lockedIds = members.Select(m => m.Id).ToList();
            var lots = await due(batchDb.Lots.AsNoTracking(), program.Id).Where(l => lockedIds.Contains(l.MemberId)).ToListAsync(token);
            var entries = new List<LedgerEntry>(lots.Count);
            var written = new List<DomainEvent>();
            foreach (var (member, memberLots) in members.Join(lots.GroupBy(l => l.MemberId), m => m.Id, g => g.Key, (m, g) => (m, g)))
            {
                var posting = new LedgerPosting(program, member, now);
                foreach (var lot in memberLots.OrderBy(l => l.ExpiresAt ?? DateTime.MaxValue).ThenBy(l => l.Id, StringComparer.Ordinal))
                {
                    post(posting, lot);
                }

                entries.AddRange(posting.Entries);
                if (eventType == EventTypes.PointsExpired && posting.Entries.Sum(e => -e.Points) is > 0 and var expired)
                {
                    written.Add(DomainEvent.Of(member, eventType, events.Serialize(new PointsExpired(member.Id, expired,
                        new EventBalance(member.Available, member.Pending))), batchTime));
                }
            }

            await bulk.InsertAsync(entries, token);
            await bulk.InsertAsync(written, token);
            await bulk.UpdateLotsAsync(lots, token);
            var touched = lots.Select(l => l.MemberId).ToHashSet(StringComparer.Ordinal);
            await bulk.UpdateBalancesAsync(members.Where(m => touched.Contains(m.Id)).ToList(), token);
            return (Locked: members.Count, Posted: lots.Count);
        }, result => result.Posted > 0, ct);
    }


    private static EntrySource Source(string job, PointsLot lot, string reason) => new("system", null, $"job:{job}", "lot", lot.Id, reason);
}
