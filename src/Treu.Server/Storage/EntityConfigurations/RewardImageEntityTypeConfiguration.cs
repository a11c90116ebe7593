using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class RewardImageEntityTypeConfiguration : IEntityTypeConfiguration<RewardImage>
{
    public void Configure(EntityTypeBuilder<RewardImage> image)
    {
        image.HasKey(x => new { x.ProgramId, x.RewardId });
        image.Property(x => x.RewardId).HasMaxLength(64);
        image.Property(x => x.ContentType).HasMaxLength(20);
        image.Property(x => x.Tag).HasMaxLength(64);
    }
}
