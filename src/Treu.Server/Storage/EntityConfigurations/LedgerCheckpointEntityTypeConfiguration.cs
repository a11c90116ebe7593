using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Ledger.Checkpoints;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class LedgerCheckpointEntityTypeConfiguration : IEntityTypeConfiguration<LedgerCheckpoint>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpoint> checkpoint)
    {
        checkpoint.HasKey(x => x.Id);
        checkpoint.HasIndex(x => new { x.ProgramId, x.Number }).IsUnique();
        checkpoint.Property(x => x.LastMemberId).HasMaxLength(80).IsConcurrencyToken();
        checkpoint.Property(x => x.Tree).HasMaxLength(6000);
        checkpoint.Property(x => x.Root).HasMaxLength(64);
        checkpoint.Property(x => x.PublicKey).HasMaxLength(64);
        checkpoint.Property(x => x.Signature).HasMaxLength(100);
    }
}
