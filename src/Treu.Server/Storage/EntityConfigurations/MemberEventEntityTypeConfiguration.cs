using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MemberEventEntityTypeConfiguration : IEntityTypeConfiguration<MemberEvent>
{
    public void Configure(EntityTypeBuilder<MemberEvent> memberEvent)
    {
        memberEvent.HasKey(x => x.Id);
        memberEvent.HasIndex(x => new { x.MemberId, x.OccurredAt });
        memberEvent.HasIndex(x => new { x.ProgramId, x.OccurredAt });
        memberEvent.Property(x => x.Breakdown).Metadata.SetMaxLength(null);
    }
}
