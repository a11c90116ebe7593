using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class RewardEntityTypeConfiguration : IEntityTypeConfiguration<Reward>
{
    public void Configure(EntityTypeBuilder<Reward> reward)
    {
        reward.HasKey(x => new { x.ProgramId, x.Id });
        reward.HasIndex(x => new { x.ProgramId, x.Status });
        reward.Property(x => x.Id).HasMaxLength(64);
        reward.Property(x => x.Status).HasMaxLength(20);
        reward.Property(x => x.Tiers).AsJson();
        reward.Property(x => x.Segments).AsJson();
        reward.Property(x => x.Name).AsJson();
        reward.Property(x => x.Description).AsJson();
        reward.Property(x => x.Terms).AsJson();
        reward.Property(x => x.ImageTag).HasMaxLength(64);
    }
}
