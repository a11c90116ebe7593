using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Import;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class ImportedTransactionEntityTypeConfiguration : IEntityTypeConfiguration<ImportedTransaction>
{
    public void Configure(EntityTypeBuilder<ImportedTransaction> imported)
    {
        imported.HasKey(x => new { x.ProgramId, x.ExternalId });
        imported.HasIndex(x => x.MemberId);
    }
}
