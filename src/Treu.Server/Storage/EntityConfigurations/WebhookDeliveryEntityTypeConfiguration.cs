using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.EntityConfigurations;

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
