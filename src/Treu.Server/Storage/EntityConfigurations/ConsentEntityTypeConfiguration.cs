using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Members;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class ConsentEntityTypeConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> consent)
    {
        consent.HasKey(c => c.Id);
        consent.HasIndex(c => c.MemberId);
    }
}
