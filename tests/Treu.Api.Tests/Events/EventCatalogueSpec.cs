using System.Text.Json;
using System.Text.Json.Nodes;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Testing;

namespace Treu.Api.Tests.Events;

/// <summary>
/// Every event type's example (in the OpenAPI document's webhooks and in docs/events.md) is a payload the server could
/// have written: it reads into the type's payload record with no field unknown or missing, and docs/events.md shows it.
/// </summary>
public sealed class EventCatalogueSpec
{
    private static readonly JsonSerializerOptions Wire = Json.StoredData;

    public static TheoryData<string> Types() => [.. EventTypes.All];

    [Theory]
    [MemberData(nameof(Types))]
    public void An_event_types_example_is_a_payload_of_its_record_field_for_field(string name)
    {
        var type = EventTypes.Catalogue.Single(t => t.Name == name);

        var read = JsonSerializer.Deserialize(type.Example, type.Payload, Wire);
        var written = JsonNode.Parse(JsonSerializer.Serialize(read, type.Payload, Wire))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(type.Example), written), $"{name}: the example has fields its record does not write back: {written}");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Docs_events_md_describes_every_type_with_its_example(string name)
    {
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "events.md"));
        var type = EventTypes.Catalogue.Single(t => t.Name == name);

        var at = docs.IndexOf($"### `{name}`", StringComparison.Ordinal);
        Assert.True(at >= 0, $"docs/events.md has no section for {name}");
        var section = docs[at..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(type.Example), JsonNode.Parse(example)), $"docs/events.md shows another example for {name}");
    }
}
