using System.ComponentModel.DataAnnotations;

namespace Treu.Server.Webhooks;

/// <summary>A subscription: where to, which event types. On a change only the fields sent change.</summary>
/// <param name="Url">An absolute http or https URL of the receiver.</param>
/// <param name="EventTypes">Event types (member.enrolled, tier.changed …), or ["*"] for all of them.</param>
/// <param name="Status">active or disabled (a disabled subscription keeps what is queued for it, in order, until it is active again).</param>
/// <param name="Secret">Your own signing secret (whsec_ and the base64 of 24 to 64 bytes); Treu makes one when none is given.</param>
public sealed record WebhookRequest(
    [property: MaxLength(2000)] string? Url = null,
    [property: MaxLength(50)] string[]? EventTypes = null,
    [property: MaxLength(500)] string? Description = null,
    [property: AllowedValues(WebhookStatus.Active, WebhookStatus.Disabled)] string? Status = null,
    [property: MaxLength(200)] string? Secret = null);

/// <summary>A subscription as answered: never its secret (only when it was made or rotated).</summary>
/// <param name="PreviousSecretValidUntil">While a rotation is under way: until when deliveries are also signed with the previous secret.</param>
public sealed record WebhookView(
    string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, [property: AllowedValues(WebhookStatus.Active, WebhookStatus.Disabled)] string Status,
    DateTime? PreviousSecretValidUntil, DateTime CreatedAt, DateTime UpdatedAt)
{
    public static WebhookView From(WebhookSubscription s, DateTime now) =>
        new(s.Id, s.Url, s.EventTypes, s.Description, s.Status, s.PreviousSecretUntil > now ? s.PreviousSecretUntil : null, s.CreatedAt, s.UpdatedAt);
}

/// <summary>A new subscription with its signing secret: the only answer that shows it.</summary>
public sealed record CreatedWebhookView(string Id, string Url, IReadOnlyList<string> EventTypes, string? Description, string Status, string Secret, DateTime CreatedAt);

/// <summary>A change of secret. The previous secret stays valid (deliveries carry both signatures) for the hours given.</summary>
/// <param name="Secret">The new secret; Treu makes one when none is given.</param>
/// <param name="PreviousValidHours">How long the previous secret stays valid: 0 to 168 hours, 24 by default.</param>
public sealed record RotateSecretRequest([property: MaxLength(200)] string? Secret = null, [property: Range(0, 168)] int? PreviousValidHours = null);

public sealed record RotatedSecretView(string Id, string Secret, DateTime? PreviousSecretValidUntil);

/// <summary>One event on its way to one subscription, as the delivery log shows it.</summary>
/// <param name="Status">pending, delivered or dead.</param>
/// <param name="LastResponse">The first bytes (at most 1,024) of the receiver's last answer, or what went wrong.</param>
/// <param name="ReplayOf">The delivery this one replays.</param>
public sealed record DeliveryView(
    string Id, string SubscriptionId, string EventId, string EventType, string? MemberId, long? Sequence,
    [property: AllowedValues(DeliveryStatus.Pending, DeliveryStatus.Delivered, DeliveryStatus.Dead)] string Status, int Attempts, DateTime? NextAttemptAt,
    DateTime? LastAttemptAt, int? LastStatusCode, int? LastLatencyMs, string? LastResponse, DateTime? DeliveredAt, string? ReplayOf, DateTime CreatedAt)
{
    public static DeliveryView From(WebhookDelivery d) => new(d.Id, d.SubscriptionId, d.EventId, d.EventType, d.MemberId, d.MemberSeq, d.Status, d.Attempts,
        d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastLatencyMs, d.LastResponse, d.DeliveredAt, d.ReplayOf,
        d.CreatedAt);
}

/// <param name="StatusCode">The receiver's status; null when no answer came.</param>
public sealed record AttemptView(int Attempt, DateTime At, int? StatusCode, int LatencyMs, string? Response);

public sealed record DeliveryDetailView(DeliveryView Delivery, IReadOnlyList<AttemptView> Attempts);

/// <summary>A page of the delivery log, newest first; pass <c>nextCursor</c> as <c>cursor</c> for the next page.</summary>
public sealed record DeliveryPage(IReadOnlyList<DeliveryView> Items, string? NextCursor);

/// <summary>Sends again every event of the subscription's types that was recorded in [from, to).</summary>
public sealed record ReplayRangeRequest(DateTime? From, DateTime? To);

public sealed record ReplayView(int Replayed);
