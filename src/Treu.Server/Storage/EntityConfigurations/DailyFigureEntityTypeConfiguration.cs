using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Figures;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class DailyFigureEntityTypeConfiguration : IEntityTypeConfiguration<DailyFigure>
{
    public void Configure(EntityTypeBuilder<DailyFigure> figure)
    {
        // The dashboard reads one channel and store over a range of days.
        figure.HasKey(x => new { x.ProgramId, x.Channel, x.StoreId, x.Day });
        figure.Property(x => x.Channel).HasMaxLength(20);
        figure.Property(x => x.StoreId).HasMaxLength(64);
    }
}
