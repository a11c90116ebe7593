using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Purchases;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class ReturnLineEntityTypeConfiguration : IEntityTypeConfiguration<ReturnLine>
{
    public void Configure(EntityTypeBuilder<ReturnLine> line) => line.HasKey(x => new { x.ReturnId, x.LineNo });
}
