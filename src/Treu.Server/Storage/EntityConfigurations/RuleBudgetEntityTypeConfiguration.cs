using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class RuleBudgetEntityTypeConfiguration : IEntityTypeConfiguration<RuleBudget>
{
    public void Configure(EntityTypeBuilder<RuleBudget> budget) => budget.HasKey(x => new { x.ProgramId, x.RuleId });
}
