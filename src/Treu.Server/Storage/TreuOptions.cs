using Treu.Server.Hosting;

namespace Treu.Server.Storage;

/// <summary>
/// Everything under the <c>Treu</c> configuration section (environment: <c>Treu__Database__Provider</c> …), checked by
/// <see cref="TreuOptionsValidation"/> before the server or a command touches anything.
/// </summary>
public sealed class TreuOptions
{
    public const string Section = "Treu";

    public DatabaseOptions Database { get; set; } = new();
    public BootstrapOptions Bootstrap { get; set; } = new();
    public DemoOptions Demo { get; set; } = new();
    public JobOptions Jobs { get; set; } = new();
    public LimitOptions Limits { get; set; } = new();
    public RewardOptions Rewards { get; set; } = new();
    public MemberSessions.MemberSessionOptions MemberSessions { get; set; } = new();
    public MemberSessions.MailOptions Mail { get; set; } = new();
    public WebhookOptions Webhooks { get; set; } = new();
}

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
