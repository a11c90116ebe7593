using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Figures;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class DailyRulePointsEntityTypeConfiguration : IEntityTypeConfiguration<DailyRulePoints>
{
    public void Configure(EntityTypeBuilder<DailyRulePoints> points)
    {
        points.HasKey(x => new { x.ProgramId, x.Channel, x.StoreId, x.Day, x.RuleId });
        points.Property(x => x.Channel).HasMaxLength(20);
        points.Property(x => x.StoreId).HasMaxLength(64);
        points.Property(x => x.RuleId).HasMaxLength(64);
    }
}
