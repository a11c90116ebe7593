using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class DataProtectionKeyEntityTypeConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> key)
    {
        key.HasKey(x => x.Id);
        key.Property(x => x.Xml).Metadata.SetMaxLength(null);
        key.Property(x => x.FriendlyName).Metadata.SetMaxLength(null);
    }
}
