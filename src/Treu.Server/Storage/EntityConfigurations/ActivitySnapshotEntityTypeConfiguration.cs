using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Figures;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class ActivitySnapshotEntityTypeConfiguration : IEntityTypeConfiguration<ActivitySnapshot>
{
    public void Configure(EntityTypeBuilder<ActivitySnapshot> snapshot)
    {
        snapshot.HasKey(x => new { x.ProgramId, x.Channel, x.StoreId });
        snapshot.Property(x => x.Channel).HasMaxLength(20);
        snapshot.Property(x => x.StoreId).HasMaxLength(64);
    }
}
