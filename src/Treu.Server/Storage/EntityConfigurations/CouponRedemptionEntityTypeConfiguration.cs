using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class CouponRedemptionEntityTypeConfiguration : IEntityTypeConfiguration<CouponRedemption>
{
    public void Configure(EntityTypeBuilder<CouponRedemption> redemption)
    {
        redemption.HasKey(x => x.Id);
        // "Once per member", counted under the member's lock.
        redemption.HasIndex(x => new { x.ProgramId, x.CampaignId, x.MemberId });
        redemption.HasIndex(x => x.PurchaseId);
        redemption.Property(x => x.CampaignId).HasMaxLength(64);
        redemption.Property(x => x.Code).HasMaxLength(32);
        redemption.Property(x => x.ExternalId).HasMaxLength(100);
    }
}
