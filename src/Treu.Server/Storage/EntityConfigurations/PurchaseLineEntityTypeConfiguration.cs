using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Purchases;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class PurchaseLineEntityTypeConfiguration : IEntityTypeConfiguration<PurchaseLine>
{
    public void Configure(EntityTypeBuilder<PurchaseLine> line)
    {
        line.HasKey(x => new { x.PurchaseId, x.LineNo });
        line.Ignore(x => x.ReturnableQuantity);
    }
}
