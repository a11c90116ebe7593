using System.Text.Json;
using System.Text.Json.Serialization;

namespace Treu.Server.Hosting;

public static class Json
{
    /// <summary>
    /// camelCase fields, snake_case enum values, and unknown fields refused: a typo such as "redeemPoint" must
    /// not be silently ignored on a request that moves points.
    /// </summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        // Deep enough for a campaign with its rules inside the API reference; still a bound on hostile nesting.
        options.MaxDepth = 32;
        // A polymorphic rule condition may name its "type" anywhere, as PostgreSQL's jsonb reorders keys on storage.
        options.AllowOutOfOrderMetadataProperties = true;
    }

    public static string SnakeCase(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
