using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class EarningRuleVersionEntityTypeConfiguration : IEntityTypeConfiguration<EarningRuleVersion>
{
    public void Configure(EntityTypeBuilder<EarningRuleVersion> version)
    {
        version.HasKey(x => new { x.ProgramId, x.RuleId, x.Version });
        version.Property(x => x.Definition).Metadata.SetMaxLength(null);
    }
}
