namespace Treu.Server.Webhooks;

public static class WebhookStatus
{
    public const string Active = "active";
    public const string Disabled = "disabled";
}
