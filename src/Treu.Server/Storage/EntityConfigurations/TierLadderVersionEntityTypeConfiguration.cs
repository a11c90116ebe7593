using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Tiers;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class TierLadderVersionEntityTypeConfiguration : IEntityTypeConfiguration<TierLadderVersion>
{
    public void Configure(EntityTypeBuilder<TierLadderVersion> version)
    {
        version.HasKey(x => new { x.ProgramId, x.Version });
        version.Property(x => x.Definition).Metadata.SetMaxLength(null);
    }
}
