using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Server.Jobs;
using Treu.Server.Storage;
using Treu.Server.Storage.Dialects;
using Treu.Server.Webhooks;

namespace Treu.Server.Events;

/// <summary>
/// Hands each domain event on, once, to what wants it: a webhook delivery per active subscription of its type. Reads
/// the events in the order their commits can no longer be overtaken (<see cref="StorageDialect.EventsAfterAsync"/>)
/// from a cursor that moves in the same transaction as the rows it makes; one run at a time (a lease). A member's
/// events are routed in their order: on PostgreSQL, where a later one can be readable first, its earlier ones are
/// fetched and routed with it (<see cref="EarlyRoutedEvent"/>).
/// </summary>
public sealed class EventRouter(TreuDbContext db, WriteTransaction tx, JobLeases leases, BulkWriter bulk, TimeProvider clock) : IJob
{
    public const string JobName = "event-router";

    /// <summary>Events per transaction.</summary>
    public const int BatchSize = 500;

    /// <summary>How many of a member's earlier events the router looks back for when a later one is readable first.</summary>
    public const int OvertakeDepth = 16;

    private static readonly TimeSpan LeaseFor = TimeSpan.FromMinutes(2);

    public string Name => JobName;

    public async Task<JobRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var routed = 0;
        try
        {
            // The lease is taken, and renewed, before each batch: a long backlog takes many.
            while (!ct.IsCancellationRequested && await leases.TryTakeAsync(JobName, LeaseFor, ct))
            {
                var batch = await tx.RunAloneAsync(RouteBatchAsync, b => b.Kept, ct);
                if (!batch.Kept)
                {
                    break;
                }

                routed += batch.Made;
                if (batch.Read < BatchSize)
                {
                    break;
                }
            }
        }
        finally
        {
            await leases.ReleaseAsync(JobName, CancellationToken.None);
        }

        return new JobRun(JobName, routed, now);
    }

    /// <summary>What one batch did: events read, deliveries made, and whether it is kept (committed).</summary>
    private sealed record Batch(int Read, int Made, bool Kept);

    /// <summary>
    /// One batch. It is rolled back (not kept) when the cursor could not be moved: the lease lapsed and another run moved
    /// it, and that run routes these events.
    /// </summary>
    private async Task<Batch> RouteBatchAsync(CancellationToken ct)
    {
        var cursor = await leases.CursorAsync(JobName, ct);
        if (await SkipWhileNothingSubscribesAsync(cursor, ct) is { } skipped)
        {
            return skipped;
        }

        var events = await db.Dialect.EventsAfterAsync(db, cursor, BatchSize, ct);
        if (events.Count == 0)
        {
            return new Batch(0, 0, Kept: true);
        }

        var end = events[^1].Position;
        var routes = await Routes.LoadAsync(db, events.Select(e => e.ProgramId).Distinct().ToList(), ct);
        var wanted = events.Where(routes.Want).ToList();
        if (db.Dialect.EventsOvertake && wanted.Count > 0)
        {
            wanted = await WithEarlierOnesAsync(wanted, end, routes, ct);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var deliveries = new List<WebhookDelivery>();
        foreach (var e in wanted.OrderBy(e => e.MemberId, StringComparer.Ordinal).ThenBy(e => e.MemberSeq))
        {
            deliveries.AddRange(routes.SubscriptionsFor(e).Select(s => new WebhookDelivery
            {
                Id = Ids.New("whd"),
                ProgramId = e.ProgramId,
                SubscriptionId = s.Id,
                EventId = e.Id,
                EventType = e.Type,
                MemberId = e.MemberId,
                MemberSeq = e.MemberSeq,
                NextAttemptAt = now,
                CreatedAt = now,
            }));
        }

        await bulk.InsertAsync(deliveries, ct);
        return await leases.MoveCursorAsync(JobName, cursor, end, ct) ? new Batch(events.Count, deliveries.Count, Kept: true) : new Batch(0, 0, Kept: false);
    }

    /// <summary>
    /// While no subscription is active, no event is wanted: the cursor moves to the last event without reading a row
    /// (the events of a busy till would otherwise be read every second for nothing). The last position is taken before
    /// the subscriptions are looked at: the events after it wait for the next run, which sees a subscription made meanwhile.
    /// Null when something subscribes: the events are read and routed.
    /// </summary>
    private async Task<Batch?> SkipWhileNothingSubscribesAsync(string? cursor, CancellationToken ct)
    {
        var last = await db.Dialect.LastEventPositionAsync(db, ct);
        if (await db.WebhookSubscriptions.AnyAsync(s => s.Status == WebhookStatus.Active, ct))
        {
            return null;
        }

        if (last is null || last == cursor)
        {
            return new Batch(0, 0, Kept: true);
        }

        return await leases.MoveCursorAsync(JobName, cursor, last, ct) ? new Batch(0, 0, Kept: true) : new Batch(0, 0, Kept: false);
    }

    /// <summary>
    /// The wanted events without those routed early by an earlier batch, and with the earlier events of their members that
    /// the scan has not reached yet (routed now, and remembered so that the scan skips them).
    /// </summary>
    private async Task<List<PositionedEvent>> WithEarlierOnesAsync(List<PositionedEvent> wanted, string end, Routes routes, CancellationToken ct)
    {
        var ids = wanted.Select(e => e.Id).ToList();
        var early = await db.EarlyRoutedEvents.Where(r => ids.Contains(r.EventId)).ToListAsync(ct);
        if (early.Count > 0)
        {
            var skip = early.Select(r => r.EventId).ToHashSet(StringComparer.Ordinal);
            wanted = wanted.Where(e => !skip.Contains(e.Id)).ToList();
            db.EarlyRoutedEvents.RemoveRange(early);
        }

        var firsts = wanted.Where(e => e.MemberSeq > 1).GroupBy(e => e.MemberId!)
            .Select(g => (MemberId: g.Key, First: g.Min(e => e.MemberSeq!.Value))).ToList();
        if (firsts.Count == 0)
        {
            return wanted;
        }

        var unread = await db.Dialect.UnreadEventsOfAsync(db, firsts.Select(f => (f.MemberId, Math.Max(1, f.First - OvertakeDepth), f.First)).ToList(), end, ct);
        var earlier = unread.Where(routes.Want).ToList();
        db.EarlyRoutedEvents.AddRange(earlier.Select(e => new EarlyRoutedEvent { EventId = e.Id, ProgramId = e.ProgramId, MemberId = e.MemberId }));
        return [.. wanted, .. earlier];
    }

    /// <summary>The active subscriptions of the programs in a batch.</summary>
    private sealed class Routes(List<WebhookSubscription> subscriptions)
    {
        public static async Task<Routes> LoadAsync(TreuDbContext db, List<string> programIds, CancellationToken ct) =>
            new(await db.WebhookSubscriptions.AsNoTracking().Where(s => programIds.Contains(s.ProgramId) && s.Status == WebhookStatus.Active).ToListAsync(ct));

        public bool Want(PositionedEvent e) => SubscriptionsFor(e).Any();

        /// <summary>A subscription hears of the events that happened since it was made; a replay sends earlier ones.</summary>
        public IEnumerable<WebhookSubscription> SubscriptionsFor(PositionedEvent e) =>
            subscriptions.Where(s => s.ProgramId == e.ProgramId && s.CreatedAt <= e.OccurredAt && s.Wants(e.Type));
    }
}
