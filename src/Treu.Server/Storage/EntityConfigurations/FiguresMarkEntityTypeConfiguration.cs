using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Figures;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class FiguresMarkEntityTypeConfiguration : IEntityTypeConfiguration<FiguresMark>
{
    public void Configure(EntityTypeBuilder<FiguresMark> mark)
    {
        mark.HasKey(x => new { x.ProgramId, x.Source });
        mark.Property(x => x.Source).HasMaxLength(20);
        mark.Property(x => x.LastId).HasMaxLength(64).IsConcurrencyToken();
    }
}
