using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Events;
using Treu.Server.Jobs;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class JobStateEntityTypeConfiguration : IEntityTypeConfiguration<JobState>
{
    public void Configure(EntityTypeBuilder<JobState> job) => job.HasKey(x => x.Name);
}

internal sealed class EarlyRoutedEventEntityTypeConfiguration : IEntityTypeConfiguration<EarlyRoutedEvent>
{
    public void Configure(EntityTypeBuilder<EarlyRoutedEvent> early) => early.HasKey(x => x.EventId);
}

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

internal sealed class WebhookDeliveryEntityTypeConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.HasKey(x => x.Id);
        // The dispatcher's claim: what is due. Partial, so a delivered row leaves it.
        delivery.HasIndex(x => x.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_webhook_deliveries_due");
        // A member's deliveries to a subscription, in the member's order: the claim looks for an earlier one still pending.
        delivery.HasIndex(x => new { x.SubscriptionId, x.MemberId, x.MemberSeq });
        delivery.HasIndex(x => new { x.ProgramId, x.SubscriptionId, x.CreatedAt });
        delivery.Property(x => x.LastResponse).HasMaxLength(1024);
    }
}

internal sealed class WebhookAttemptEntityTypeConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.HasKey(x => new { x.DeliveryId, x.Attempt });
        attempt.Property(x => x.Response).HasMaxLength(1024);
    }
}
