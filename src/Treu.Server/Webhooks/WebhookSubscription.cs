namespace Treu.Server.Webhooks;

/// <summary>
/// A URL of the retailer's systems that hears about chosen event types, signed with the subscription's secret. During a
/// change of secret the previous one stays valid for a while: each delivery is signed with both.
/// </summary>
public sealed class WebhookSubscription
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string Url { get; set; }
    public string? Description { get; set; }

    /// <summary>The event types delivered here (EventTypes names), or <c>*</c> for all of them.</summary>
    public List<string> EventTypes { get; set; } = [];

    /// <summary><c>active</c> or <c>disabled</c> (nothing new is queued; what is queued waits).</summary>
    public string Status { get; set; } = WebhookStatus.Active;

    /// <summary><c>whsec_</c> and the base64 of the key; never in an answer after the one that created or rotated it.</summary>
    public required string Secret { get; set; }

    public string? PreviousSecret { get; set; }

    /// <summary>Until when deliveries are also signed with <see cref="PreviousSecret"/>.</summary>
    public DateTime? PreviousSecretUntil { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public bool Wants(string eventType) => Status == WebhookStatus.Active && (EventTypes.Contains("*") || EventTypes.Contains(eventType));

    /// <summary>The secrets a delivery is signed with now: the current one, and the previous one while it is still valid.</summary>
    public IEnumerable<string> SecretsAt(DateTime now) =>
        PreviousSecret is { } previous && PreviousSecretUntil > now ? [Secret, previous] : [Secret];
}
