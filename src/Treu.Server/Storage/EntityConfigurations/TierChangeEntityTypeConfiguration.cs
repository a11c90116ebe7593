using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Tiers;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class TierChangeEntityTypeConfiguration : IEntityTypeConfiguration<TierChange>
{
    public void Configure(EntityTypeBuilder<TierChange> change)
    {
        change.HasKey(x => x.Id);
        // A member's history, newest first; and the program's changes by month, for the figures.
        change.HasIndex(x => new { x.MemberId, x.Id });
        change.HasIndex(x => new { x.ProgramId, x.At });
        change.Property(x => x.FromTier).HasMaxLength(32);
        change.Property(x => x.ToTier).HasMaxLength(32);
        change.Property(x => x.Direction).HasMaxLength(4);
        change.Property(x => x.Cause).HasMaxLength(20);
        change.Property(x => x.Reason).HasMaxLength(500);
    }
}
