using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.MemberSessions;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class MemberSessionEntityTypeConfiguration : IEntityTypeConfiguration<MemberSession>
{
    public void Configure(EntityTypeBuilder<MemberSession> session)
    {
        session.HasKey(x => x.Id);
        session.HasIndex(x => x.AccessHash).IsUnique();
        session.HasIndex(x => x.RefreshHash).IsUnique();
        // Sign out everywhere, and erasure, end every session of one member.
        session.HasIndex(x => new { x.ProgramId, x.MemberId });
        session.Property(x => x.AccessHash).HasMaxLength(64);
        session.Property(x => x.RefreshHash).HasMaxLength(64);
        session.Property(x => x.CreatedBy).HasMaxLength(100);
    }
}
