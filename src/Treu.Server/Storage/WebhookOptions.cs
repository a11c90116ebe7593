namespace Treu.Server.Storage;

/// <summary>The event router and the webhook dispatcher (docs/webhooks.md).</summary>
public sealed class WebhookOptions
{
    /// <summary>Route events and deliver webhooks in the background. Every node may: a lease and the deliveries' claims keep them apart.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for new events and due deliveries when it found nothing to do.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver may take to answer before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Webhook requests in flight at once, per node.</summary>
    public int Concurrency { get; set; } = 32;
}
