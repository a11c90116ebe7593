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
    public Ledger.Checkpoints.CheckpointOptions Checkpoints { get; set; } = new();
}
