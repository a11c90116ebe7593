namespace Treu.Server.Webhooks;

/// <summary>One attempt of a delivery, for the delivery log.</summary>
public sealed class WebhookAttempt
{
    public required string ProgramId { get; set; }
    public required string DeliveryId { get; set; }
    public int Attempt { get; set; }
    public DateTime At { get; set; }

    /// <summary>The receiver's status; null when no answer came (a time-out, a refused connection).</summary>
    public int? StatusCode { get; set; }

    public int LatencyMs { get; set; }

    /// <summary>The first bytes of the answer, or what went wrong.</summary>
    public string? Response { get; set; }
}
