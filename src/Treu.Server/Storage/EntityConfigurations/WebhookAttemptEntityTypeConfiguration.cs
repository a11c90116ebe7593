using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Webhooks;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class WebhookAttemptEntityTypeConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> attempt)
    {
        attempt.HasKey(x => new { x.DeliveryId, x.Attempt });
        attempt.Property(x => x.Response).HasMaxLength(1024);
    }
}
