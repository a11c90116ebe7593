using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Webhooks;

/// <summary>
/// The webhook subscriptions of a program and their delivery log: create, change, rotate the secret, delete, replay.
/// A subscription hears about events recorded from its creation on; a replay sends past ones again.
/// </summary>
public sealed class WebhookAdmin(TreuDbContext db, BulkWriter bulk, WriteTransaction tx, TimeProvider clock)
{
    public const int MaxSubscriptionsPerProgram = 100;

    /// <summary>The most events one range replay sends again.</summary>
    public const int MaxReplay = 100_000;

    public static readonly TimeSpan DefaultPreviousSecretValidity = TimeSpan.FromHours(24);

    private DateTime Now => Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);

    /// <summary>Checks a request; <paramref name="creating"/> requires the URL and the event types.</summary>
    public static Validation Check(WebhookRequest body, bool creating)
    {
        var check = new Validation();
        if (creating || body.Url is not null)
        {
            check.Require("url", body.Url, 2000);
            if (body.Url is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                check.Add("url", "must be an absolute http or https URL");
            }
        }

        if (creating && body.EventTypes is not { Length: > 0 })
        {
            check.Add("eventTypes", "name at least one event type, or \"*\" for all");
        }

        foreach (var (type, i) in (body.EventTypes ?? []).Select((t, i) => (t, i)))
        {
            if (type != "*" && !EventTypes.IsKnown(type))
            {
                check.Add($"eventTypes[{i}]", $"is not an event type; types: {string.Join(", ", EventTypes.All)}");
            }
        }

        check.MaxLength("description", body.Description, 500);
        if (body.Status is not null and not (WebhookStatus.Active or WebhookStatus.Disabled))
        {
            check.Add("status", "must be active or disabled");
        }

        if (body.Secret is not null && !WebhookSignature.IsSecret(body.Secret))
        {
            check.Add("secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes");
        }

        return check;
    }

    public async Task<Result<CreatedWebhookView>> CreateAsync(Caller caller, WebhookRequest body, CancellationToken ct)
    {
        if (await db.WebhookSubscriptions.CountAsync(s => s.ProgramId == caller.ProgramId, ct) >= MaxSubscriptionsPerProgram)
        {
            return WebhookErrors.TooManyWebhooks.With($"A program has at most {MaxSubscriptionsPerProgram} webhook subscriptions; delete one first.");
        }

        var now = Now;
        var subscription = new WebhookSubscription
        {
            Id = Ids.New("whk"),
            ProgramId = caller.ProgramId,
            Url = body.Url!.Trim(),
            Description = body.Description?.Trim(),
            EventTypes = body.EventTypes!.Distinct(StringComparer.Ordinal).ToList(),
            Status = body.Status ?? WebhookStatus.Active,
            Secret = body.Secret ?? WebhookSignature.NewSecret(),
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = caller.Actor,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        return new CreatedWebhookView(subscription.Id, subscription.Url, subscription.EventTypes, subscription.Description, subscription.Status, subscription.Secret,
            subscription.CreatedAt);
    }

    public async Task<Result<WebhookView>> UpdateAsync(Caller caller, string id, WebhookRequest body, CancellationToken ct)
    {
        if (await FindAsync(caller.ProgramId, id, ct) is not { } subscription)
        {
            return WebhookErrors.NoSuchWebhook(id);
        }

        subscription.Url = body.Url?.Trim() ?? subscription.Url;
        subscription.Description = body.Description is null ? subscription.Description : body.Description.Trim() is { Length: > 0 } d ? d : null;
        subscription.EventTypes = body.EventTypes?.Distinct(StringComparer.Ordinal).ToList() ?? subscription.EventTypes;
        subscription.Status = body.Status ?? subscription.Status;
        if (body.Secret is not null && body.Secret != subscription.Secret)
        {
            Rotate(subscription, body.Secret, DefaultPreviousSecretValidity);
        }

        subscription.UpdatedAt = Now;
        subscription.UpdatedBy = caller.Actor;
        await db.SaveChangesAsync(ct);
        return WebhookView.From(subscription, Now);
    }

    /// <summary>A new secret; the previous one stays valid for the hours given, so receivers can switch without losing a delivery.</summary>
    public async Task<Result<RotatedSecretView>> RotateAsync(Caller caller, string id, RotateSecretRequest body, CancellationToken ct)
    {
        if (await FindAsync(caller.ProgramId, id, ct) is not { } subscription)
        {
            return WebhookErrors.NoSuchWebhook(id);
        }

        Rotate(subscription, body.Secret ?? WebhookSignature.NewSecret(),
            body.PreviousValidHours is { } hours ? TimeSpan.FromHours(hours) : DefaultPreviousSecretValidity);
        subscription.UpdatedAt = Now;
        subscription.UpdatedBy = caller.Actor;
        await db.SaveChangesAsync(ct);
        return new RotatedSecretView(subscription.Id, subscription.Secret, subscription.PreviousSecretUntil);
    }

    private void Rotate(WebhookSubscription subscription, string secret, TimeSpan previousValidFor)
    {
        subscription.PreviousSecret = previousValidFor > TimeSpan.Zero ? subscription.Secret : null;
        subscription.PreviousSecretUntil = previousValidFor > TimeSpan.Zero ? Now + previousValidFor : null;
        subscription.Secret = secret;
    }

    /// <summary>Deletes the subscription; what was still pending for it is dead-lettered (and stays in the log).</summary>
    public async Task<Failure?> DeleteAsync(Caller caller, string id, CancellationToken ct)
    {
        if (await FindAsync(caller.ProgramId, id, ct) is not { } subscription)
        {
            return WebhookErrors.NoSuchWebhook(id);
        }

        db.WebhookSubscriptions.Remove(subscription);
        await db.WebhookDeliveries.Where(d => d.ProgramId == caller.ProgramId && d.SubscriptionId == id && d.Status == DeliveryStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DeliveryStatus.Dead).SetProperty(d => d.LastResponse, "The subscription was deleted."), ct);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Sends one delivery's event again, as a new delivery in the member's order after whatever is pending.</summary>
    public async Task<Result<DeliveryView>> ReplayAsync(Caller caller, string deliveryId, CancellationToken ct)
    {
        var original = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.ProgramId == caller.ProgramId && d.Id == deliveryId, ct);
        if (original is null)
        {
            return WebhookErrors.NoSuchDelivery(deliveryId);
        }

        if (await FindAsync(caller.ProgramId, original.SubscriptionId, ct) is null)
        {
            return WebhookErrors.NoSuchWebhook(original.SubscriptionId);
        }

        var now = Now;
        var replay = Replay(caller.ProgramId, original.SubscriptionId, original.EventId, original.EventType, original.MemberId, original.MemberSeq, now);
        replay.ReplayOf = original.Id;
        db.WebhookDeliveries.Add(replay);
        await db.SaveChangesAsync(ct);
        return DeliveryView.From(replay);
    }

    /// <summary>Sends again every event of the subscription's types recorded in [from, to), oldest first; at most <see cref="MaxReplay"/>.</summary>
    public async Task<Result<ReplayView>> ReplayRangeAsync(Caller caller, string id, DateTime from, DateTime to, CancellationToken ct)
    {
        if (await FindAsync(caller.ProgramId, id, ct) is not { } subscription)
        {
            return WebhookErrors.NoSuchWebhook(id);
        }

        var all = subscription.EventTypes.Contains("*");
        var types = subscription.EventTypes;
        // One transaction: the rows are copied in bulk (PostgreSQL), and a replay is all there or not at all.
        var replayed = await tx.RunAloneAsync(async token =>
        {
            var events = await db.DomainEvents.AsNoTracking()
                .Where(e => e.ProgramId == caller.ProgramId && e.OccurredAt >= from && e.OccurredAt < to && (all || types.Contains(e.Type)))
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Take(MaxReplay)
                .Select(e => new { e.Id, e.Type, e.MemberId, e.MemberSeq }).ToListAsync(token);
            var now = Now;
            await bulk.InsertAsync(events.Select(e => Replay(caller.ProgramId, id, e.Id, e.Type, e.MemberId, e.MemberSeq, now)).ToList(), token);
            return events.Count;
        }, _ => true, ct);
        return new ReplayView(replayed);
    }

    private static WebhookDelivery Replay(string programId, string subscriptionId, string eventId, string type, string? memberId, long? seq, DateTime now) => new()
    {
        Id = Ids.New("whd"),
        ProgramId = programId,
        SubscriptionId = subscriptionId,
        EventId = eventId,
        EventType = type,
        MemberId = memberId,
        MemberSeq = seq,
        NextAttemptAt = now,
        CreatedAt = now,
    };

    private Task<WebhookSubscription?> FindAsync(string programId, string id, CancellationToken ct) =>
        db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.ProgramId == programId && s.Id == id, ct);
}
