using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class AuditEntryEntityTypeConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.HasKey(x => x.Id);
        entry.HasIndex(x => new { x.ProgramId, x.At });
        entry.Property(x => x.Details).Metadata.SetMaxLength(null);
        entry.Property(x => x.ActorName).HasMaxLength(100);
    }
}
