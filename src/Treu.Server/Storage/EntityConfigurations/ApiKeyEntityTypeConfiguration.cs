using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class ApiKeyEntityTypeConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.HasKey(x => x.Id);
        key.HasIndex(x => x.SecretHash).IsUnique();
        key.Property(x => x.SecretHash).HasMaxLength(64);
    }
}
