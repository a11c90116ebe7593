using System.Text.Json.Nodes;

namespace Treu.Api.Tests.Security;

/// <summary>A request body with one text value replaced, and the path an answer must name for it (<c>lines[0].sku</c>).</summary>
public sealed record PlantedText(string Field, JsonNode Body);

/// <summary>
/// Every place in a request body where text goes, read from the OpenAPI schema rather than from the example, so that
/// optional fields, every array's items, every variant of a rule condition or effect and a dictionary's keys and
/// values are all reached: for each, the well-formed body with that one value replaced.
/// </summary>
public sealed class TextSlots(JsonObject schemas, string text)
{
    /// <summary>The key planted into a dictionary (a member's attributes), and the key that carries the text.</summary>
    private const string Key = "fz";

    public IEnumerable<PlantedText> Plant(JsonNode? schema, JsonNode baseline) =>
        Slots(schema, baseline).Select(s => new PlantedText(s.Path.TrimStart('.'), s.Value));

    private IEnumerable<(string Path, JsonNode Value)> Slots(JsonNode? schema, JsonNode? current)
    {
        schema = Resolve(schema);
        if (schema is null)
        {
            yield break;
        }

        if (schema["discriminator"]?["mapping"] is JsonObject mapping)
        {
            var discriminator = (string)schema["discriminator"]!["propertyName"]!;
            foreach (var (type, reference) in mapping)
            {
                var variant = Resolve(new JsonObject { ["$ref"] = reference!.DeepClone() })!;
                var start = current is JsonObject same && (string?)same[discriminator] == type ? same : new JsonObject { [discriminator] = type };
                foreach (var slot in ObjectSlots(variant, start, skip: discriminator))
                {
                    yield return slot;
                }
            }

            yield break;
        }

        if (Is(schema, "string") || schema["enum"] is not null)
        {
            yield return ("", JsonValue.Create(text)!);
            yield break;
        }

        if (Is(schema, "array"))
        {
            var items = schema["items"];
            var first = current is JsonArray array && array.Count > 0 ? array[0] : null;
            foreach (var (path, value) in Slots(items, first ?? Empty(items)))
            {
                yield return ($"[0]{path}", new JsonArray(value));
            }

            yield break;
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            foreach (var (path, value) in Slots(values, null))
            {
                yield return ($".{Key}{path}", new JsonObject { [Key] = value });
            }

            // A key is no field of its own: the answer names the dictionary.
            yield return ("", new JsonObject { [text] = Empty(values) });
            yield break;
        }

        if (schema["properties"] is not null)
        {
            foreach (var slot in ObjectSlots(schema, current as JsonObject ?? [], skip: null))
            {
                yield return slot;
            }
        }
    }

    private IEnumerable<(string Path, JsonNode Value)> ObjectSlots(JsonNode schema, JsonObject current, string? skip)
    {
        foreach (var (name, property) in schema["properties"]!.AsObject())
        {
            if (name == skip)
            {
                continue;
            }

            foreach (var (path, value) in Slots(property, current[name]))
            {
                var changed = current.DeepClone().AsObject();
                changed[name] = value;
                yield return ($".{name}{path}", changed);
            }
        }
    }

    /// <summary>A reference followed, and a nullable wrapper (<c>oneOf: [null, X]</c>) unwrapped.</summary>
    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema is not null; i++)
        {
            if ((string?)schema["$ref"] is { } reference)
            {
                schema = schemas[reference[(reference.LastIndexOf('/') + 1)..]];
            }
            else if (schema["discriminator"] is null && (schema["oneOf"] ?? schema["anyOf"]) is JsonArray choices)
            {
                schema = choices.FirstOrDefault(c => (string?)c!["type"] != "null");
            }
            else
            {
                return schema;
            }
        }

        return schema;
    }

    private static bool Is(JsonNode schema, string type) => schema["type"] switch
    {
        JsonValue single => (string?)single == type,
        JsonArray several => several.Any(t => (string?)t == type),
        _ => false,
    };

    /// <summary>A well-formed value where the baseline has none: a word for text, an empty object or list otherwise.</summary>
    private JsonNode Empty(JsonNode? schema)
    {
        schema = Resolve(schema);
        return schema is null ? "x" : Is(schema, "array") ? new JsonArray() : Is(schema, "string") ? JsonValue.Create("x") : new JsonObject();
    }
}
