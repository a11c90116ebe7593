using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Treu.Server.Events;

namespace Treu.Server.Hosting;

/// <summary>
/// Every domain event type as an OpenAPI 3.1 webhook: what Treu POSTs to a subscribed URL, its envelope, its payload's
/// schema (from the payload record) and an example, so that a receiver's types can be generated like a client's.
/// </summary>
public static class OpenApiWebhooks
{
    public const string EnvelopeSchema = "WebhookEvent";

    public static void AddTreuWebhooks(this OpenApiOptions options) => options.AddDocumentTransformer(async (document, context, ct) =>
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var type in EventTypes.Catalogue)
        {
            var name = type.Payload.Name;
            if (!document.Components.Schemas.ContainsKey(name))
            {
                document.AddComponent(name, await context.GetOrCreateSchemaAsync(type.Payload, null, ct));
            }

            var example = new JsonObject
            {
                ["id"] = "dev_01m8kc2m7g3x9d2k4n6p0r2t4v",
                ["type"] = type.Name,
                ["occurredAt"] = "2026-11-23T09:15:00Z",
                ["memberId"] = "mbr_01m8k9j4y03k9x2m7qv0pz8w4r",
                ["sequence"] = 4,
                ["data"] = JsonNode.Parse(type.Example),
            };
            document.Webhooks[type.Name] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "on" + string.Concat(type.Name.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..])),
                        Summary = type.Summary,
                        Description = "Sent to every active subscription of this type, signed as the Standard Webhooks specification says "
                            + "(webhook-id, webhook-timestamp, webhook-signature; docs/webhooks.md). Answer 2xx within 10 s; anything else is retried "
                            + "with exponential back-off for at least 24 hours. The same event may come twice: drop a webhook-id you have seen.",
                        Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                ["application/json"] = new() { Schema = Envelope(type, document), Example = example },
                            },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["2XX"] = new OpenApiResponse { Description = "Received: the delivery is done." },
                            ["default"] = new OpenApiResponse { Description = "Not received: Treu tries again later." },
                        },
                    },
                },
            };
        }
    });

    /// <summary>The envelope (the domain event's row) with this type's payload as its data.</summary>
    private static OpenApiSchema Envelope(EventType type, OpenApiDocument document) => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { "id", "type", "occurredAt", "memberId", "sequence", "data" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The event's id (dev_…), also sent as webhook-id: the same on every retry and replay." },
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type.Name)!] },
            ["occurredAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the fact was recorded (UTC)." },
            ["memberId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "The member; null for an event of the program as a whole." },
            ["sequence"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer | JsonSchemaType.Null,
                Format = "int64",
                Description = "1, 2, 3 … per member in the order the facts were committed; a member's events are delivered in this order.",
            },
            ["data"] = new OpenApiSchemaReference(type.Payload.Name, document),
        },
    };
}
