using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Ledger;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Jobs;

public sealed record JobRun(string Job, int Processed, DateTime RanAt);

/// <summary>
/// Activation (pending → available after the return window) and expiry, in bounded batches.
/// Safe on several nodes at once: each lot is re-read under its member's lock and posted only if it is still
/// in the state the job expects, so every effect happens exactly once.
/// </summary>
public sealed class LotJobs(TreuDbContext db, WriteTransaction tx, ProgramSettings programs, TimeProvider clock, IOptions<TreuOptions> options)
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
            db.Lots.Where(l => l.State == LotState.Pending && l.AvailableAt <= now).OrderBy(l => l.AvailableAt),
            (posting, lot) => posting.Activate(lot, Source("activation", lot, "Return window ended: points are available")),
            lot => lot.State == LotState.Pending && lot.AvailableAt <= now,
            now, ct);
        return new JobRun(Activation, processed, now);
    }

    public async Task<JobRun> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var processed = await ProcessAsync(
            db.Lots.Where(l => l.State == LotState.Available && l.Remaining > 0 && l.ExpiresAt <= now).OrderBy(l => l.ExpiresAt),
            (posting, lot) => posting.Expire(lot, Source("expiry", lot, $"Expired: earned {lot.EarnedAt:yyyy-MM-dd}, valid until {lot.ExpiresAt:yyyy-MM-dd}")),
            lot => lot.State == LotState.Available && lot.Remaining > 0 && lot.ExpiresAt <= now,
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

    private async Task<int> ProcessAsync(IQueryable<PointsLot> due, Func<LedgerPosting, PointsLot, LedgerEntry?> post, Func<PointsLot, bool> stillDue, DateTime now, CancellationToken ct)
    {
        var processed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var batchSize = options.Value.Jobs.BatchSize;
        while (!ct.IsCancellationRequested)
        {
            var batch = await due.AsNoTracking().Select(l => new { l.Id, l.MemberId, l.ProgramId }).Take(batchSize).ToListAsync(ct);
            if (batch.Count == 0 || batch.All(l => seen.Contains(l.Id)))
            {
                break;
            }

            foreach (var group in batch.GroupBy(l => (l.ProgramId, l.MemberId)))
            {
                var program = await programs.GetAsync(group.Key.ProgramId, ct);
                var lotIds = group.Select(l => l.Id).ToList();
                seen.UnionWith(lotIds);
                processed += await tx.RunAsync(async token =>
                {
                    var member = await tx.LockMemberAsync(group.Key.ProgramId, group.Key.MemberId, token);
                    var lots = await db.Lots.Where(l => lotIds.Contains(l.Id)).ToListAsync(token);
                    var posting = new LedgerPosting(program, member!, now);
                    var count = 0;
                    foreach (var lot in lots.Where(stillDue).OrderBy(l => l.ExpiresAt ?? DateTime.MaxValue).ThenBy(l => l.Id, StringComparer.Ordinal))
                    {
                        post(posting, lot);
                        count++;
                    }

                    PurchaseEndpoints.Save(db, posting);
                    return count;
                }, count => count > 0, ct);
            }

            if (batch.Count < batchSize)
            {
                break;
            }
        }

        return processed;
    }

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
