using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Ledger;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class LedgerEntryEntityTypeConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entry)
    {
        entry.HasKey(x => x.Id);
        entry.HasIndex(x => new { x.MemberId, x.Seq }).IsUnique();
        entry.Property(x => x.PrevHash).HasMaxLength(64);
        entry.Property(x => x.Hash).HasMaxLength(64);
        entry.Property(x => x.Reason).HasMaxLength(500);
        entry.Property(x => x.Rules).Metadata.SetMaxLength(null);
        entry.Ignore(x => x.Points);
    }
}
