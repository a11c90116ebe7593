using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Ledger.Checkpoints;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class LedgerCheckpointPageEntityTypeConfiguration : IEntityTypeConfiguration<LedgerCheckpointPage>
{
    public void Configure(EntityTypeBuilder<LedgerCheckpointPage> page)
    {
        page.HasKey(x => new { x.CheckpointId, x.Page });
        page.Property(x => x.Heads).Metadata.SetMaxLength(null);
    }
}
