using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class RuleAwardEntityTypeConfiguration : IEntityTypeConfiguration<RuleAward>
{
    public void Configure(EntityTypeBuilder<RuleAward> award)
    {
        award.HasKey(x => new { x.ProgramId, x.RuleId, x.MemberId, x.Day });
        award.HasIndex(x => new { x.MemberId, x.Day });
    }
}
