using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.MemberSessions;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MemberSignInCodeEntityTypeConfiguration : IEntityTypeConfiguration<MemberSignInCode>
{
    public void Configure(EntityTypeBuilder<MemberSignInCode> code)
    {
        code.HasKey(x => x.Id);
        code.HasIndex(x => new { x.ProgramId, x.MemberId, x.CreatedAt });
        code.Property(x => x.CodeHash).HasMaxLength(64);
        code.Property(x => x.Channel).HasMaxLength(10);
    }
}
