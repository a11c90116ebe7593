namespace Treu.Server.Webhooks;

/// <summary>Example bodies of the webhook endpoints, for the API reference.</summary>
public static class WebhookExamples
{
    public const string Create = """
        { "url": "https://crm.example.de/hooks/treu", "eventTypes": ["member.enrolled", "tier.changed", "purchase.recorded"], "description": "CRM sync" }
        """;

    public const string Created = """
        {
          "id": "whk_01m8kq3n5p7r9t1v3x5z7b9d1f",
          "url": "https://crm.example.de/hooks/treu",
          "eventTypes": ["member.enrolled", "tier.changed", "purchase.recorded"],
          "description": "CRM sync",
          "status": "active",
          "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9gBJwx+OMtQ=",
          "createdAt": "2026-11-23T09:00:00Z"
        }
        """;

    public const string Subscription = """
        {
          "id": "whk_01m8kq3n5p7r9t1v3x5z7b9d1f",
          "url": "https://crm.example.de/hooks/treu",
          "eventTypes": ["member.enrolled", "tier.changed", "purchase.recorded"],
          "description": "CRM sync",
          "status": "active",
          "previousSecretValidUntil": null,
          "createdAt": "2026-11-23T09:00:00Z",
          "updatedAt": "2026-11-23T09:00:00Z"
        }
        """;

    public const string List = "[" + Subscription + "]";

    public const string Update = """
        { "eventTypes": ["*"], "status": "active" }
        """;

    public const string Rotate = """
        { "previousValidHours": 24 }
        """;

    public const string Rotated = """
        { "id": "whk_01m8kq3n5p7r9t1v3x5z7b9d1f", "secret": "whsec_3q1tYf0sS0hA8Jm3Jc0bq9N0m1Vv2rj4T9bXwq5y6Kc=", "previousSecretValidUntil": "2026-11-24T09:00:00Z" }
        """;

    public const string Delivery = """
        {
          "id": "whd_01m8kr1b3d5f7h9k1m3p5r7t9v",
          "subscriptionId": "whk_01m8kq3n5p7r9t1v3x5z7b9d1f",
          "eventId": "dev_01m8kc2m7g3x9d2k4n6p0r2t4v",
          "eventType": "tier.changed",
          "memberId": "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
          "sequence": 4,
          "status": "delivered",
          "attempts": 2,
          "nextAttemptAt": null,
          "lastAttemptAt": "2026-11-23T09:15:07Z",
          "lastStatusCode": 200,
          "lastLatencyMs": 38,
          "lastResponse": "{\"ok\":true}",
          "deliveredAt": "2026-11-23T09:15:07Z",
          "replayOf": null,
          "createdAt": "2026-11-23T09:15:01Z"
        }
        """;

    public const string DeliveryPage = """{ "items": [""" + Delivery + """], "nextCursor": null }""";

    public const string DeliveryDetail = """{ "delivery": """ + Delivery + """
        , "attempts": [
            { "attempt": 1, "at": "2026-11-23T09:15:02Z", "statusCode": 503, "latencyMs": 12, "response": "Service Unavailable" },
            { "attempt": 2, "at": "2026-11-23T09:15:07Z", "statusCode": 200, "latencyMs": 38, "response": "{\"ok\":true}" }
          ] }
        """;

    public const string ReplayRange = """
        { "from": "2026-11-23T00:00:00Z", "to": "2026-11-24T00:00:00Z" }
        """;

    public const string Replayed = """
        { "replayed": 412 }
        """;
}
