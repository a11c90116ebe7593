using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Treu.Domain.Common;

namespace Treu.Server.Hosting;

public static class Json
{
    /// <summary>
    /// camelCase fields, snake_case enum values, and unknown fields refused: a typo such as "redeemPoint" must
    /// not be silently ignored on a request that moves points. A field sent twice is refused too, rather than the last
    /// one winning unseen. Every string of every request passes <see cref="StoredText"/>: a control character in any
    /// field, at any depth, is refused with the field's path before an endpoint sees the request.
    /// </summary>
    public static void Configure(JsonSerializerOptions options) => Configure(options, refuseControlCharacters: true);

    /// <summary>
    /// The same form for what Treu itself stored (a rule's definition): read back as written, also if it was stored
    /// before control characters were refused, so that one old rule cannot stop every purchase.
    /// </summary>
    public static JsonSerializerOptions StoredData { get; } = Create(refuseControlCharacters: false);

    private static JsonSerializerOptions Create(bool refuseControlCharacters)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options, refuseControlCharacters);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private static void Configure(JsonSerializerOptions options, bool refuseControlCharacters)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        // Deep enough for a campaign with its rules inside the API reference; still a bound on hostile nesting.
        options.MaxDepth = 32;
        // A polymorphic rule condition may name its "type" anywhere, as PostgreSQL's jsonb reorders keys on storage.
        options.AllowOutOfOrderMetadataProperties = true;
        if (refuseControlCharacters)
        {
            options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(RefuseControlCharacters);
        }
    }

    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>
    /// Checks the text of every object read from a request, once it is read: its string properties, the strings of its
    /// lists and the keys and values of its dictionaries (nested objects check their own). Done after reading rather
    /// than by a converter for <c>string</c>, which would hide every string's type from the API reference.
    /// </summary>
    private static void RefuseControlCharacters(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var texts = type.Properties.Where(p => p.Get is not null && (p.PropertyType == typeof(string)
            || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType) || typeof(IEnumerable<KeyValuePair<string, string>>).IsAssignableFrom(p.PropertyType))).ToArray();
        if (texts.Length == 0)
        {
            return;
        }

        var after = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            after?.Invoke(value);
            foreach (var property in texts)
            {
                Check(property.Name, property.Get!(value), StoredText.IsFreeText(property.Name));
            }
        };
    }

    private static void Check(string field, object? value, bool freeText)
    {
        switch (value)
        {
            case string text when StoredText.Problem(text, freeText) is { } problem:
                throw new RefusedValue(field, problem);
            case IEnumerable<KeyValuePair<string, string>> dictionary:
                foreach (var (key, text) in dictionary)
                {
                    if (StoredText.Problem(key) is { } problem)
                    {
                        // A key is no field of its own: the answer names the dictionary.
                        throw new RefusedValue(field, $"keys {problem}");
                    }

                    Check($"{field}.{key}", text, freeText);
                }

                break;
            case IEnumerable<string> texts:
                var i = 0;
                foreach (var text in texts)
                {
                    Check($"{field}[{i++}]", text, freeText);
                }

                break;
        }
    }

    /// <summary>A value the API refuses once the object holding it is read; System.Text.Json adds the object's path (<see cref="JsonException.Path"/>).</summary>
    private sealed class RefusedValue(string field, string message) : JsonException(message)
    {
        /// <summary>Where in the object: <c>sku</c>, <c>cards[1]</c>, <c>attributes.size</c>.</summary>
        public string Field { get; } = field;
    }

    /// <summary>Why a body was refused, in the API's words: the problem's code, a sentence, and the fields at fault by their path (<c>lines[0].quantity</c>).</summary>
    public sealed record BodyRefusal(string Code, string Detail, IDictionary<string, string[]>? Errors = null);

    /// <summary>
    /// What System.Text.Json's refusal of a body of type <paramref name="body"/> means for the client. Its own messages
    /// name .NET types and say "could not be converted"; this says which field holds what it should not, found by
    /// walking the body type's contract along the exception's JSON path.
    /// </summary>
    public static BodyRefusal Explain(Exception exception, Type? body, JsonSerializerOptions options)
    {
        if (exception is NotSupportedException unsupported)
        {
            // An abstract type (a rule's condition or effect) without its "type": only the message says where.
            var at = unsupported.Message.IndexOf("Path: ", StringComparison.Ordinal) is var start and >= 0
                ? unsupported.Message[(start + 6)..].Split(' ', 2)[0]
                : "$";
            var field = Field(Segments(at));
            return Unknown(TypeOf(field), $"is required: one of {Types(options, body, at)}", $"{field} needs its \"type\": one of {Types(options, body, at)}.");
        }

        var json = (JsonException)exception;
        var segments = Segments(json.Path ?? "$");
        var path = Field(segments);
        switch (json)
        {
            case RefusedValue refused:
                return Invalid(path.Length == 0 ? refused.Field : $"{path}.{refused.Field}", refused.Message);
            case { InnerException: JsonException reader }:
                return new BodyRefusal(HttpErrors.MalformedJson.Code, $"The body is not valid JSON: {reader.Message}");
            case { InnerException: InvalidOperationException text } when text.Message.Contains("UTF", StringComparison.Ordinal):
                // A lone surrogate (\ud800) or bytes that are not UTF-8, inside a string.
                return Invalid(path, "must be valid Unicode text");
            // These three have no exception type or property of their own: System.Text.Json's messages (English only) tell
            // them apart, and JsonBodySpec and RuleAdminSpec fail if a new version words them otherwise.
            case not null when json.Message.StartsWith("Duplicate propert", StringComparison.Ordinal):
                return Invalid(path, "is sent more than once");
            case not null when json.Message.Contains("could not be mapped", StringComparison.Ordinal):
                return Unknown(path, "is not a field of this request", $"The body has a field this request does not know: {path}.");
            case not null when json.Message.StartsWith("Read unrecognized type discriminator", StringComparison.Ordinal):
                var sent = json.Message.Split('\'') is { Length: >= 3 } quoted ? $" '{quoted[1]}'" : "";
                return Unknown(TypeOf(path), $"must be one of {Types(options, body, json.Path)}", $"{path} has an unknown type{sent}: one of {Types(options, body, json.Path)}.");
        }

        if (segments.Count == 0)
        {
            return new BodyRefusal(HttpErrors.InvalidRequest.Code, "This request needs a JSON object as its body.");
        }

        var type = body is null ? null : TypeAt(options, body, segments);
        if (type is not null && (Nullable.GetUnderlyingType(type) ?? type).IsEnum)
        {
            // Like an unknown field, a value the API has no name for: the client speaks another version of it.
            return Unknown(path, Expectation(options, type), $"{path} is not one of the values this request knows.");
        }

        return Invalid(path, type is null ? "has the wrong type" : Expectation(options, type));
    }

    /// <summary>Where a polymorphic object's "type" sits.</summary>
    private static string TypeOf(string field) => field.Length == 0 ? "type" : $"{field}.type";

    public static BodyRefusal Invalid(string field, string message) =>
        new(CommonErrors.ValidationFailed.Code, "The request has invalid fields; see errors.", new Dictionary<string, string[]> { [field] = [message] });

    private static BodyRefusal Unknown(string field, string message, string detail) =>
        new(HttpErrors.MalformedJson.Code, detail, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>What a field of this type holds, as the API reference says it.</summary>
    public static string Expectation(JsonSerializerOptions options, Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "must be a string",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "must be a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "must be a number",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "must be a date and time in ISO 8601, e.g. 2026-11-23T09:00:00Z",
            _ when type == typeof(DateOnly) => "must be a date (YYYY-MM-DD)",
            _ when type == typeof(TimeOnly) => "must be a time of day (HH:mm)",
            _ when type.IsEnum => $"must be one of {string.Join(", ", Enum.GetNames(type).Select(SnakeCase))}",
            _ => options.GetTypeInfo(type).Kind == JsonTypeInfoKind.Enumerable ? "must be an array" : "must be an object",
        };
    }

    /// <summary>The "type" values of the polymorphic type at <paramref name="path"/> (a rule's conditions, its effects).</summary>
    private static string Types(JsonSerializerOptions options, Type? body, string? path)
    {
        var type = body is null ? null : TypeAt(options, body, Segments(path ?? "$"));
        var derived = type is null ? null : options.GetTypeInfo(type).PolymorphismOptions?.DerivedTypes;
        return derived is null ? "the documented types" : string.Join(", ", derived.Select(d => d.TypeDiscriminator));
    }

    /// <summary>The declared type at a path of the body, through objects (and each variant of a polymorphic one), arrays and dictionaries.</summary>
    private static Type? TypeAt(JsonSerializerOptions options, Type type, IReadOnlyList<object> segments)
    {
        foreach (var segment in segments)
        {
            var info = options.GetTypeInfo(type);
            switch (info.Kind, segment)
            {
                case (JsonTypeInfoKind.Enumerable, int):
                case (JsonTypeInfoKind.Dictionary, string):
                    type = info.ElementType!;
                    break;
                case (JsonTypeInfoKind.Object, string name):
                    var variants = info.PolymorphismOptions?.DerivedTypes.Select(d => options.GetTypeInfo(d.DerivedType)) ?? [];
                    if (variants.Prepend(info).SelectMany(v => v.Properties).FirstOrDefault(p => p.Name == name) is not { } property)
                    {
                        return null;
                    }

                    type = property.PropertyType;
                    break;
                default:
                    return null;
            }
        }

        return type;
    }

    /// <summary>A JSON path as System.Text.Json writes it (<c>$.lines[0]['odd name']</c>), as names and indices.</summary>
    private static List<object> Segments(string path)
    {
        var segments = new List<object>();
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1) is var e and >= 0 ? e : path.Length;
                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal) is var e and >= 0 ? e : path.Length;
                segments.Add(path[(i + 2)..end]);
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i) is var e and >= 0 ? e : path.Length;
                segments.Add(int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) ? index : path[(i + 1)..end]);
                i = end + 1;
            }
            else
            {
                break;
            }
        }

        return segments;
    }

    /// <summary>A path as the API names fields in <c>errors</c>: <c>lines[0].sku</c>, <c>attributes.size</c>.</summary>
    private static string Field(IEnumerable<object> segments)
    {
        var field = new StringBuilder();
        foreach (var segment in segments)
        {
            _ = segment is int index ? field.Append('[').Append(index).Append(']') : field.Append(field.Length == 0 ? "" : ".").Append(segment);
        }

        return field.ToString();
    }
}
