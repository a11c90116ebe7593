using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Purchases;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class PurchaseEntityTypeConfiguration : IEntityTypeConfiguration<Purchase>
{
    public void Configure(EntityTypeBuilder<Purchase> purchase)
    {
        purchase.HasKey(x => x.Id);
        purchase.HasIndex(x => new { x.ProgramId, x.Channel, x.StoreId, x.ExternalId }).IsUnique();
        purchase.HasIndex(x => x.MemberId);
        purchase.Property(x => x.Currency).HasMaxLength(3);
        purchase.HasMany(x => x.Lines).WithOne().HasForeignKey(l => l.PurchaseId);
        purchase.Property(x => x.Breakdown).Metadata.SetMaxLength(null);
        purchase.Property(x => x.Vouchers).Metadata.SetMaxLength(null);
    }
}
