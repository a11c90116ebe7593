using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Treu.Server.Hosting;

/// <summary>
/// Holds the OpenAPI document to what client generators (Kiota, NSwag, openapi-typescript) need to produce a client
/// that works unchanged: polymorphic schemas as <c>oneOf</c> with a required discriminator, money as decimals, closed
/// value sets as enums, one problem schema for every error answer, and no request field both required and nullable.
/// </summary>
public static class OpenApiContract
{
    /// <summary>The schema of every error answer: RFC 9457 problem details with Treu's extensions.</summary>
    public const string ProblemSchema = "Problem";

    public const string ProblemMediaType = "application/problem+json";

    /// <summary>
    /// <c>Treu:OpenApi:ServerUrl</c>: the base URL the document names for the API. A relative "/" by default, so the
    /// document is the same whichever host fetched it and a client resolves it against where it got the document.
    /// </summary>
    public const string ServerUrlSetting = "Treu:OpenApi:ServerUrl";

    public static void AddTreuContract(this OpenApiOptions options)
    {
        options.AddSchemaTransformer((schema, context, _) =>
        {
            DeclareDecimal(schema, context.JsonTypeInfo.Type);
            if (context.JsonTypeInfo.Type.IsEnum)
            {
                // The framework lists an enum's values without saying they are strings; some generators then guess.
                schema.Type = JsonSchemaType.String;
            }

            if (context.JsonPropertyInfo is { } property)
            {
                DeclareAllowedValues(schema, property);
            }

            return Task.CompletedTask;
        });

        options.AddDocumentTransformer((document, context, _) =>
        {
            var configured = context.ApplicationServices.GetRequiredService<IConfiguration>()[ServerUrlSetting];
            document.Servers = [new OpenApiServer { Url = string.IsNullOrWhiteSpace(configured) ? "/" : configured }];
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            DeclareErrorAnswers(operation, context);
            return Task.CompletedTask;
        });

        options.AddDocumentTransformer((document, _, _) =>
        {
            // Every error answer now names the Treu problem schema; the framework's ProblemDetails (closed to extensions,
            // without code, errors or traceId) would only mislead.
            document.Components?.Schemas?.Remove("ProblemDetails");
            document.Components?.Schemas?.Remove("HttpValidationProblemDetails");
            DeclarePolymorphism(document);
            InlineFreeFormObjects(document);
            NoRequiredNullsOnRequests(document);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Money and quantities are <c>decimal</c> on the server and travel as JSON numbers. <c>format: decimal</c> is what
    /// Kiota and NSwag (NJsonSchema) map to <c>decimal</c> (openapi-typescript to <c>number</c>, as for any number);
    /// the framework's default, <c>double</c>, would make a generated client round money through binary floating point.
    /// </summary>
    private static void DeclareDecimal(OpenApiSchema schema, Type type)
    {
        if ((Nullable.GetUnderlyingType(type) ?? type) == typeof(decimal))
        {
            schema.Format = "decimal";
        }
    }

    /// <summary>
    /// The framework writes a polymorphic type as <c>anyOf</c>; generators then fill every alternative from one object and
    /// write them all back merged, without the discriminator. <c>oneOf</c> with the mapping makes them pick exactly one,
    /// and a required <c>type</c> on each alternative makes them always send it. Done on the finished document, as the
    /// framework names the alternatives (RuleConditionBasketCondition …) only once it has seen them under <c>anyOf</c>.
    /// </summary>
    private static void DeclarePolymorphism(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>().Where(s => s.Discriminator is not null && s.AnyOf is { Count: > 0 }).ToList())
        {
            schema.OneOf = schema.AnyOf;
            schema.AnyOf = null;
            var discriminator = schema.Discriminator!.PropertyName!;
            foreach (var alternative in schema.OneOf!.OfType<OpenApiSchemaReference>())
            {
                if (alternative.Reference.Id is { } id && schemas.TryGetValue(id, out var target) && target is OpenApiSchema variant)
                {
                    variant.Type = JsonSchemaType.Object;
                    variant.Required ??= new HashSet<string>();
                    variant.Required.Add(discriminator);
                }
            }
        }
    }

    private static void DeclareAllowedValues(OpenApiSchema schema, JsonPropertyInfo property)
    {
        var allowed = property.AttributeProvider?.GetCustomAttributes(typeof(AllowedValuesAttribute), true).OfType<AllowedValuesAttribute>().FirstOrDefault();
        if (allowed is null)
        {
            return;
        }

        var nullable = schema.Type?.HasFlag(JsonSchemaType.Null) == true;
        var target = schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is OpenApiSchema items ? items : schema;
        target.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create((string)v!)).ToList();
        if (nullable && target == schema)
        {
            // A JSON Schema enum restricts null too: an optional field that may be null keeps null among its values.
            target.Enum.Add(null!);
        }
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `code` is stable and machine-readable; `errors` names the fields at fault.",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the problem: https://treu.dev/problems/<code>." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The code in words." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = "What went wrong in this request, for a person." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable and machine-readable: validation_failed, member_not_found, insufficient_points … (docs/api.md lists them).",
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For validation_failed and field-level refusals: messages by the field's JSON path (lines[2].quantity).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Quote it when asking about this request." },
        },
        // Problems may carry further members (RFC 9457 §3.2); a client must not refuse them.
        AdditionalPropertiesAllowed = true,
    };

    /// <summary>
    /// The errors an operation can answer, each as a problem: always 400, 401, 403 and 503; 404 where it names a
    /// resource (in its path, its query or its body); 409 and 422 where it writes; 413 where it takes a body; 429 where it is rate-limited; and a
    /// <c>default</c> for any other status, so that no answer reaches a generated client untyped.
    /// </summary>
    private static void DeclareErrorAnswers(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        var writes = !HttpMethods.IsGet(method);
        var path = description.RelativePath ?? "";
        var statuses = new List<int> { 400, 401, 403 };
        if (path.Contains('{', StringComparison.Ordinal) || path.EndsWith("/lookup", StringComparison.Ordinal) || operation.RequestBody is not null)
        {
            statuses.Add(404);
        }

        if (writes)
        {
            statuses.AddRange([409, 422]);
        }

        if (operation.RequestBody is not null)
        {
            statuses.Add(413);
        }

        if (description.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(429);
        }

        statuses.Add(503);

        // Rebuilt in order: the success answers as the endpoint declares them, then the errors, then the default.
        var answers = new OpenApiResponses();
        foreach (var (key, answer) in operation.Responses ?? [])
        {
            if (key is not "default" && int.Parse(key, CultureInfo.InvariantCulture) < 400)
            {
                answers[key] = answer;
            }
        }

        foreach (var status in statuses.Order())
        {
            answers[status.ToString(CultureInfo.InvariantCulture)] = ProblemAnswer(ReasonPhrase(status), context.Document);
        }

        answers["default"] = ProblemAnswer("Any other error, as a problem.", context.Document);
        operation.Responses = answers;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "The request is malformed or has invalid fields (validation_failed, malformed_json …).",
        401 => "No API key, or an unknown or revoked one (unauthenticated).",
        403 => "The key's scope or store does not allow this (forbidden_scope, store_not_allowed, channel_not_allowed).",
        404 => "What the request names does not exist in this program (member_not_found …).",
        409 => "A conflict: taken e-mail, phone or card, or a retry while the first request is still running (retry then).",
        413 => "The body is larger than the server accepts (payload_too_large).",
        422 => "The request is well-formed but refused by a rule of the program (insufficient_points, idempotency_key_reused …).",
        429 => "Too many requests for this key (rate_limited): retry after Retry-After.",
        503 => "The database is unavailable or the server is overloaded: retry after Retry-After with the same key.",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };

    private static OpenApiResponse ProblemAnswer(string description, OpenApiDocument? document) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ProblemMediaType] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    /// <summary>
    /// A <see cref="JsonElement"/> (the audit entry's details) is whatever JSON object the server recorded: written in
    /// place as a free-form object, not as a component named after a .NET type that generators cannot make sense of.
    /// </summary>
    private static void InlineFreeFormObjects(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || !schemas.Remove(nameof(JsonElement)))
        {
            return;
        }

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            foreach (var (name, property) in schema.Properties?.ToList() ?? [])
            {
                var nullable = property is OpenApiSchema { OneOf: { } alternatives } && alternatives.Any(a => a is OpenApiSchema { Type: JsonSchemaType.Null });
                var referenced = property is OpenApiSchema { OneOf: { } options } ? options.OfType<OpenApiSchemaReference>().FirstOrDefault() : property as OpenApiSchemaReference;
                if (referenced?.Reference.Id == nameof(JsonElement))
                {
                    schema.Properties![name] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object | (nullable ? JsonSchemaType.Null : 0),
                        AdditionalPropertiesAllowed = true,
                        Description = referenced.Description ?? property.Description ?? "A free-form JSON object.",
                    };
                }
            }
        }
    }

    /// <summary>
    /// A field a request must carry is declared without null: the server refuses a null there as it refuses a missing
    /// field, and a generated client should not offer to send one. Nullable response fields stay as they are.
    /// </summary>
    private static void NoRequiredNullsOnRequests(OpenApiDocument document)
    {
        var schemas = document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        var seen = new HashSet<string>();
        var requestBodies = document.Paths?.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.RequestBody?.Content?.Values ?? [])
            .Select(m => m.Schema) ?? [];
        foreach (var schema in requestBodies)
        {
            Visit(schema);
        }

        void Visit(IOpenApiSchema? schema)
        {
            switch (schema)
            {
                case OpenApiSchemaReference reference:
                    if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target))
                    {
                        Visit(target);
                    }

                    return;
                case OpenApiSchema concrete:
                    if (concrete.Properties is { } properties)
                    {
                        foreach (var (name, property) in properties.ToList())
                        {
                            if (concrete.Required?.Contains(name) == true)
                            {
                                properties[name] = WithoutNull(property);
                            }

                            Visit(properties[name]);
                        }
                    }

                    Visit(concrete.Items);
                    Visit(concrete.AdditionalProperties);
                    foreach (var alternative in (concrete.OneOf ?? []).Concat(concrete.AnyOf ?? []).Concat(concrete.AllOf ?? []))
                    {
                        Visit(alternative);
                    }

                    return;
            }
        }
    }

    private static IOpenApiSchema WithoutNull(IOpenApiSchema property)
    {
        if (property is OpenApiSchema { OneOf: { Count: 2 } alternatives }
            && alternatives.SingleOrDefault(a => a is OpenApiSchema { Type: JsonSchemaType.Null }) is { } nullAlternative)
        {
            // The framework writes a nullable reference as oneOf [null, $ref]: the reference alone remains.
            return alternatives.Single(a => a != nullAlternative);
        }

        if (property is OpenApiSchema { Type: { } type } concrete && type.HasFlag(JsonSchemaType.Null))
        {
            concrete.Type = type & ~JsonSchemaType.Null;
            concrete.Enum?.Remove(null!);
        }

        return property;
    }
}
