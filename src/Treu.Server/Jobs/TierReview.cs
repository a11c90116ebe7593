using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Import;
using Treu.Server.Rules;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;

namespace Treu.Server.Jobs;

/// <summary>
/// Reviews the members whose review is due (<see cref="TierPolicy.Review"/>): down one tier with a soft landing, onto a
/// changed ladder, or kept for another period. In bounded batches, each its own transaction that locks its members (on
/// PostgreSQL with SKIP LOCKED, so two nodes or a node and a till never wait on each other), reads them again under the
/// lock and reviews only those still due: a member is reviewed once however many nodes run the job, and a run cut short
/// leaves the rest due for the next. Each change is written with its history row and its <c>tier.changed</c> event, in
/// the batch's commit. A member that cannot be reviewed is recorded in the audit trail with the reason and tried again a day later.
/// </summary>
public sealed class TierReview(TreuDbContext db, IServiceScopeFactory scopes, ProgramSettings programs, TierLadders ladders, TimeProvider clock,
    IOptions<TreuOptions> options, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<TierReview> log)
{
    public const string Name = "tier-review";

    public async Task<JobRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batchSize = options.Value.Jobs.BatchSize;
        var parallel = db.Dialect.JobBatchesAtOnce(options.Value.Jobs.Parallel);
        var reviewed = 0;
        foreach (var programId in await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            if (await ladders.GetAsync(programId, ct) is not { } ladder)
            {
                continue;
            }

            var program = await programs.GetAsync(programId, ct);
            await ParallelWriters.RunAsync<List<string>>(scopes, parallel,
                async (enqueue, token) =>
                {
                    // Due first, then by id: members reviewed by this run leave the range, members held by another node are stepped over.
                    var (afterAt, afterId) = (DateTime.MinValue, "");
                    while (!token.IsCancellationRequested)
                    {
                        var at = afterAt;
                        var id = afterId;
                        var wanted = batchSize * parallel;
                        // Reviews fall due at midnight on the first of a month, so many members share one review time. Those of
                        // the current time after the last id, then those of later times: each an index range of its own, where
                        // one condition with an OR would make the database walk past every member of that time already read.
                        var due = await db.Members.AsNoTracking()
                            .Where(m => m.ProgramId == programId && m.TierReviewAt == at && string.Compare(m.Id, id) > 0)
                            .OrderBy(m => m.Id).Select(m => new { m.Id, At = m.TierReviewAt!.Value }).Take(wanted).ToListAsync(token);
                        if (due.Count < wanted)
                        {
                            due.AddRange(await db.Members.AsNoTracking()
                                .Where(m => m.ProgramId == programId && m.TierReviewAt > at && m.TierReviewAt <= now)
                                .OrderBy(m => m.TierReviewAt).ThenBy(m => m.Id).Select(m => new { m.Id, At = m.TierReviewAt!.Value }).Take(wanted - due.Count).ToListAsync(token));
                        }

                        if (due.Count == 0)
                        {
                            break;
                        }

                        (afterAt, afterId) = (due[^1].At, due[^1].Id);
                        foreach (var batch in due.Select(d => d.Id).Chunk(batchSize))
                        {
                            await enqueue([.. batch], token);
                        }

                        if (due.Count < wanted)
                        {
                            break;
                        }
                    }
                },
                async (services, ids, token) => Interlocked.Add(ref reviewed, await ReviewBatchAsync(services, program, ladder, ids, now, token)),
                ct);
        }

        return new JobRun(Name, reviewed, now);
    }

    /// <summary>One batch in a transaction of its own, on the writer's connection: how many members it reviewed.</summary>
    private async Task<int> ReviewBatchAsync(IServiceProvider services, LoyaltyProgram program, ProgramLadder ladder, List<string> ids, DateTime now, CancellationToken ct)
    {
        var batchDb = services.GetRequiredService<TreuDbContext>();
        var bulk = services.GetRequiredService<BulkWriter>();
        var zone = RuledEarning.TimeZoneOf(program);
        return await services.GetRequiredService<WriteTransaction>().RunAloneAsync(async token =>
        {
            var members = await batchDb.Dialect.LockMembersSkippingBusyAsync(batchDb, program.Id, [.. ids.Order(StringComparer.Ordinal)], token);
            var changes = new List<TierChange>();
            var events = new List<DomainEvent>();
            var reviewed = new List<Member>();
            foreach (var member in members.Where(m => TierPolicy.IsDue(m, now)))
            {
                try
                {
                    if (TierPolicy.Review(member, ladder.Ladder, now, zone) is { } move)
                    {
                        var reason = move.Direction == TierDirection.Down ? "The qualifying period ended below the tier's threshold" : "Qualified for a higher tier";
                        changes.Add(TierMoves.Change(member, ladder, move, TierCauses.Review, null, reason, now));
                        events.Add(DomainEvent.Of(member, EventTypes.TierChanged,
                            JsonSerializer.Serialize(TierMoves.Payload(member, ladder.Ladder, move, TierCauses.Review, null, reason), json.Value.SerializerOptions), now));
                    }
                }
                catch (FormatException e)
                {
                    // A member whose qualification cannot be read is left as it is and tried again tomorrow; the run goes on.
                    log.LogWarning("Tier review of member {Member} failed: {Reason}", member.Id, e.Message);
                    batchDb.AuditEntries.Add(new AuditEntry
                    {
                        ProgramId = program.Id,
                        At = Clock.ToStoredPrecision(now),
                        Actor = $"job:{Name}",
                        Action = "tier.review_failed",
                        TargetType = "member",
                        TargetId = member.Id,
                        Details = JsonSerializer.Serialize(new { reason = e.Message }, json.Value.SerializerOptions),
                    });
                    TierPolicy.Postpone(member, now.AddDays(1));
                }

                reviewed.Add(member);
            }

            await bulk.InsertAsync(changes, token);
            await bulk.InsertAsync(events, token);
            await bulk.UpdateTiersAsync(reviewed, token);
            return reviewed.Count;
        }, count => count > 0, ct);
    }
}
