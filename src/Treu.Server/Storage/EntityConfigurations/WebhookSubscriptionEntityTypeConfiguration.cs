using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class WebhookSubscriptionEntityTypeConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> subscription)
    {
        subscription.HasKey(x => new { x.ProgramId, x.Id });
        subscription.Property(x => x.Url).HasMaxLength(2000);
        subscription.Property(x => x.Description).HasMaxLength(500);
        subscription.Property(x => x.EventTypes).HasConversion(
            v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
            v => JsonSerializer.Deserialize<List<string>>(v, JsonSerializerOptions.Default) ?? new List<string>(),
            new ValueComparer<List<string>>((a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.GetHashCode())), v => v.ToList()))
            .HasColumnType("text").Metadata.SetMaxLength(null);
    }
}
