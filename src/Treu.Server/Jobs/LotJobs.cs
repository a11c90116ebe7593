using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Import;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

public sealed record JobRun(string Job, int Processed, DateTime RanAt);

/// <summary>
/// Activation (pending → available after the return window) and expiry, in bounded batches: one transaction per
/// batch of members, set-based reads and writes (a million due lots take seconds, not hours).
/// Safe on several nodes at once: a batch locks its members (on PostgreSQL with SKIP LOCKED, so two nodes, or a
/// node and a till, never wait on each other) and re-reads their due lots under the lock; every lot is posted once.
/// </summary>
public sealed class LotJobs(TreuDbContext db, WriteTransaction tx, BulkWriter bulk, ProgramSettings programs, TimeProvider clock, IOptions<TreuOptions> options)
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
        var processed = await ProcessAsync(
            programId => db.Lots.Where(l => l.ProgramId == programId && l.State == LotState.Pending && l.AvailableAt <= now).OrderBy(l => l.AvailableAt),
            (posting, lot) => posting.Activate(lot, Source("activation", lot, "Return window ended: points are available")),
            now, ct);
        return new JobRun(Activation, processed, now);
    }

    public async Task<JobRun> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var processed = await ProcessAsync(
            programId => db.Lots.Where(l => l.ProgramId == programId && l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now).OrderBy(l => l.ExpiresAt),
            (posting, lot) => posting.Expire(lot, Source("expiry", lot, $"Expired: earned {lot.EarnedAt:yyyy-MM-dd}, valid until {lot.ExpiresAt:yyyy-MM-dd}")),
            now, ct);
        return new JobRun(Expiry, processed, now);
    }

    public async Task<JobRun> ForgetOldKeysAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var deleted = 0;
        while (true)
        {
            var keys = await db.IdempotencyRecords.Where(r => r.ExpiresAt != null && r.ExpiresAt < now).OrderBy(r => r.ExpiresAt)
                .Select(r => new { r.ProgramId, r.Scope, r.Key }).Take(options.Value.Jobs.BatchSize).ToListAsync(ct);
            foreach (var k in keys)
            {
                deleted += await db.IdempotencyRecords.Where(r => r.ProgramId == k.ProgramId && r.Scope == k.Scope && r.Key == k.Key).ExecuteDeleteAsync(ct);
            }

            if (keys.Count < options.Value.Jobs.BatchSize)
            {
                return new JobRun(IdempotencyCleanup, deleted, now);
            }
        }
    }

    /// <summary>
    /// Batch after batch: find due lots (no lock), lock their members, re-read the members' due lots under the lock,
    /// post them and write entries, lots and balances set-based, then commit. Members another transaction holds are
    /// skipped and picked up by the next run.
    /// </summary>
    private async Task<int> ProcessAsync(Func<string, IQueryable<PointsLot>> due, Func<LedgerPosting, PointsLot, LedgerEntry?> post, DateTime now, CancellationToken ct)
    {
        var processed = 0;
        var batchSize = options.Value.Jobs.BatchSize;
        foreach (var programId in await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            var program = await programs.GetAsync(programId, ct);
            while (!ct.IsCancellationRequested)
            {
                var memberIds = await due(programId).AsNoTracking().Select(l => l.MemberId).Take(batchSize).ToListAsync(ct);
                if (memberIds.Count == 0)
                {
                    break;
                }

                var ids = memberIds.Distinct().Order(StringComparer.Ordinal).ToList();
                var (locked, posted) = await tx.RunAsync(async token =>
                {
                    var members = await LockMembersAsync(programId, ids, token);
                    var lockedIds = members.Select(m => m.Id).ToList();
                    var lots = await due(programId).AsNoTracking().Where(l => lockedIds.Contains(l.MemberId)).ToListAsync(token);
                    var entries = new List<LedgerEntry>(lots.Count);
                    foreach (var (member, memberLots) in members.Join(lots.GroupBy(l => l.MemberId), m => m.Id, g => g.Key, (m, g) => (m, g)))
                    {
                        var posting = new LedgerPosting(program, member, now);
                        foreach (var lot in memberLots.OrderBy(l => l.ExpiresAt ?? DateTime.MaxValue).ThenBy(l => l.Id, StringComparer.Ordinal))
                        {
                            post(posting, lot);
                        }

                        entries.AddRange(posting.Entries);
                    }

                    await bulk.InsertAsync(entries, token);
                    await bulk.UpdateLotsAsync(lots, token);
                    var touched = lots.Select(l => l.MemberId).ToHashSet(StringComparer.Ordinal);
                    await bulk.UpdateBalancesAsync(members.Where(m => touched.Contains(m.Id)).ToList(), token);
                    return (members.Count, lots.Count);
                }, r => r.Item2 > 0, ct);
                processed += posted;
                if (locked == 0 || posted == 0 || memberIds.Count < batchSize)
                {
                    // The due members are held by someone else (another node is on them), or this was the last batch.
                    break;
                }
            }
        }

        return processed;
    }

    /// <summary>The members' rows, locked in id order for the rest of the transaction; on PostgreSQL skipping rows another transaction holds.</summary>
    private async Task<List<Member>> LockMembersAsync(string programId, List<string> ids, CancellationToken ct) =>
        db.IsPostgres
            ? await db.Members.FromSqlInterpolated(
                $"SELECT * FROM members WHERE program_id = {programId} AND id = ANY({ids.ToArray()}) ORDER BY id FOR UPDATE SKIP LOCKED").AsNoTracking().ToListAsync(ct)
            : await db.Members.AsNoTracking().Where(m => m.ProgramId == programId && ids.Contains(m.Id)).ToListAsync(ct);

    private static EntrySource Source(string job, PointsLot lot, string reason) => new("system", null, $"job:{job}", "lot", lot.Id, reason);
}

/// <summary>Runs the ledger jobs on a timer. Every node may run it; <see cref="LotJobs"/> makes that safe.</summary>
public sealed class LotJobService(IServiceScopeFactory scopes, IOptions<TreuOptions> options, ILogger<LotJobService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Jobs.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Jobs.Interval);
        do
        {
            foreach (var job in LotJobs.Names)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var run = await scope.ServiceProvider.GetRequiredService<LotJobs>().RunAsync(job, stoppingToken);
                    if (run.Processed > 0)
                    {
                        log.LogInformation("Job {Job} processed {Count} items", run.Job, run.Processed);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Job {Job} failed; it runs again at the next tick", job);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
