namespace Treu.Server.Webhooks;

/// <summary>
/// One event on its way to one subscription: pending until the receiver answers 2xx (delivered), retried with back-off
/// until 24 hours have passed since the first attempt (then dead). A member's deliveries to a subscription go one after
/// the other, in the order of the member's events.
/// </summary>
public sealed class WebhookDelivery
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string SubscriptionId { get; set; }
    public required string EventId { get; set; }
    public required string EventType { get; set; }
    public string? MemberId { get; set; }

    /// <summary>The event's number among the member's events: the order of delivery.</summary>
    public long? MemberSeq { get; set; }

    /// <summary><c>pending</c>, <c>delivered</c> or <c>dead</c>.</summary>
    public string Status { get; set; } = DeliveryStatus.Pending;

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due.</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A node is attempting it until then; after that, if it is still pending, another node may.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime? FirstAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public int? LastLatencyMs { get; set; }

    /// <summary>The first bytes of the receiver's last answer, or what went wrong (a time-out, a refused connection).</summary>
    public string? LastResponse { get; set; }

    public DateTime? DeliveredAt { get; set; }

    /// <summary>The delivery this one replays, if it is a replay.</summary>
    public string? ReplayOf { get; set; }

    public DateTime CreatedAt { get; set; }
}
