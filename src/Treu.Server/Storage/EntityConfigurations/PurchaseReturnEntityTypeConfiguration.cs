using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Purchases;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class PurchaseReturnEntityTypeConfiguration : IEntityTypeConfiguration<PurchaseReturn>
{
    public void Configure(EntityTypeBuilder<PurchaseReturn> purchaseReturn)
    {
        purchaseReturn.HasKey(x => x.Id);
        purchaseReturn.Property(x => x.Reason).HasMaxLength(500);
        purchaseReturn.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.ReturnId);
        purchaseReturn.HasIndex(x => x.PurchaseId);
        purchaseReturn.HasIndex(x => new { x.ProgramId, x.Channel, x.StoreId, x.ExternalId }).IsUnique();
    }
}
