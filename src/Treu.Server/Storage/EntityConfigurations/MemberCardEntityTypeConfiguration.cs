using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Members;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MemberCardEntityTypeConfiguration : IEntityTypeConfiguration<MemberCard>
{
    public void Configure(EntityTypeBuilder<MemberCard> card)
    {
        card.HasKey(c => new { c.ProgramId, c.Number });
        card.HasIndex(c => c.MemberId);
    }
}
