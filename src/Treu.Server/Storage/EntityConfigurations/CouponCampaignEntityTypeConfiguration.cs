using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class CouponCampaignEntityTypeConfiguration : IEntityTypeConfiguration<CouponCampaign>
{
    public void Configure(EntityTypeBuilder<CouponCampaign> campaign)
    {
        campaign.HasKey(x => new { x.ProgramId, x.Id });
        campaign.HasIndex(x => new { x.ProgramId, x.PublicCode }).IsUnique();
        campaign.Property(x => x.Id).HasMaxLength(64);
        campaign.Property(x => x.Status).HasMaxLength(20);
        campaign.Property(x => x.PublicCode).HasMaxLength(32);
        campaign.Property(x => x.CodePrefix).HasMaxLength(8);
        campaign.Property(x => x.Description).HasMaxLength(1000);
        campaign.Property(x => x.Terms).HasMaxLength(2000);
        campaign.Property(x => x.Categories).AsJson();
        campaign.Property(x => x.Skus).AsJson();
        campaign.Property(x => x.Channels).AsJson();
        campaign.Property(x => x.Stores).AsJson();
    }
}
