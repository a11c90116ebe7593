using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class PointsTransferEntityTypeConfiguration : IEntityTypeConfiguration<PointsTransfer>
{
    public void Configure(EntityTypeBuilder<PointsTransfer> transfer)
    {
        transfer.HasKey(x => x.Id);
        transfer.Property(x => x.Reason).HasMaxLength(500);
    }
}
