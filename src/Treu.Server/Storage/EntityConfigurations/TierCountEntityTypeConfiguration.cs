using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Figures;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class TierCountEntityTypeConfiguration : IEntityTypeConfiguration<TierCount>
{
    public void Configure(EntityTypeBuilder<TierCount> count)
    {
        count.HasKey(x => new { x.ProgramId, x.Tier });
        count.Property(x => x.Tier).HasMaxLength(64);
    }
}
