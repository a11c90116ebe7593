using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class IdempotencyRecordEntityTypeConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> record)
    {
        record.HasKey(x => new { x.ProgramId, x.Scope, x.Key });
        record.Property(x => x.Key).HasMaxLength(300);
        record.Property(x => x.RequestHash).HasMaxLength(64);
        record.Property(x => x.ResponseBody).Metadata.SetMaxLength(null);
        record.HasIndex(x => x.ExpiresAt);
    }
}
