using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Treu.Server.Storage.EntityConfigurations;

/// <summary>
/// Small lists and maps kept as one JSON text column, with the comparer EF Core needs to notice a change inside them.
/// The converter is explicit, so that the bulk writer's COPY converts them as the change tracker does.
/// </summary>
internal static class JsonColumns
{
    public static PropertyBuilder<List<T>> AsJson<T>(this PropertyBuilder<List<T>> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<List<T>>(v, JsonSerializerOptions.Default) ?? new List<T>(),
                new ValueComparer<List<T>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t)), v => v.ToList()))
            .HasColumnType("text").Metadata.SetMaxLength(null);
        return property;
    }

    public static PropertyBuilder<Dictionary<string, string>> AsJson(this PropertyBuilder<Dictionary<string, string>> property)
    {
        property.HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => new Dictionary<string, string>(JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new(), StringComparer.Ordinal),
                new ValueComparer<Dictionary<string, string>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.Key.GetHashCode(), t.Value.GetHashCode())), v => new Dictionary<string, string>(v, StringComparer.Ordinal)))
            .HasColumnType("text").Metadata.SetMaxLength(null);
        return property;
    }
}
