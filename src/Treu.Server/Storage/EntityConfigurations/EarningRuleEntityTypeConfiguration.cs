using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class EarningRuleEntityTypeConfiguration : IEntityTypeConfiguration<EarningRule>
{
    public void Configure(EntityTypeBuilder<EarningRule> rule)
    {
        rule.HasKey(x => new { x.ProgramId, x.Id });
        rule.HasIndex(x => new { x.ProgramId, x.Status });
        rule.HasIndex(x => new { x.ProgramId, x.CampaignId });
        rule.Property(x => x.Definition).Metadata.SetMaxLength(null);
    }
}
