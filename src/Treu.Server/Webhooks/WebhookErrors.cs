using Treu.Domain.Common;

namespace Treu.Server.Webhooks;

public static class WebhookErrors
{
    public static readonly ErrorCode WebhookNotFound = new("webhook_not_found", FailureKind.NotFound);
    public static readonly ErrorCode DeliveryNotFound = new("delivery_not_found", FailureKind.NotFound);
    public static readonly ErrorCode TooManyWebhooks = new("too_many_webhooks", FailureKind.Refused);

    public static Failure NoSuchWebhook(string id) => WebhookNotFound.With($"No webhook subscription '{(id.Length > 40 ? id[..40] + "…" : id)}' in this program.");

    public static Failure NoSuchDelivery(string id) => DeliveryNotFound.With($"No webhook delivery '{(id.Length > 40 ? id[..40] + "…" : id)}' in this program.");
}
