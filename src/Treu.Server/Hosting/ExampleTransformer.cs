using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Treu.Server.Hosting;

public static class ExampleTransformer
{
    public static void AddTreuDocument(this OpenApiOptions options)
    {
        options.AddTreuContract();
        options.AddTreuWebhooks();
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Treu loyalty API",
                Version = "v1",
                Description = "Members, points ledger and transactions. Authenticate with 'Authorization: Bearer <api key>'. "
                    + "Every write that changes points or members accepts an Idempotency-Key header; errors are RFC 9457 problem details with a stable 'code'.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key with scope pos, ecommerce, app or admin.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] }];
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            foreach (var example in context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExample>())
            {
                var node = JsonNode.Parse(example.Json);
                if (example.ResponseStatus is null)
                {
                    if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
                    {
                        media.Example = node;
                    }
                }
                else if (operation.Responses?.TryGetValue(example.ResponseStatus.Value.ToString(), out var response) == true
                         && response.Content?.TryGetValue("application/json", out var media) == true)
                {
                    media.Example = node;
                }
            }

            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HonoursIdempotencyKey>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotentWrites.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Client-chosen key (1-255 printable characters). A retry with the same key and body gets the first answer again; with another body, 422.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
                });
            }

            return Task.CompletedTask;
        });
    }
}
