using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Programs;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class LoyaltyProgramEntityTypeConfiguration : IEntityTypeConfiguration<LoyaltyProgram>
{
    public void Configure(EntityTypeBuilder<LoyaltyProgram> program)
    {
        program.HasKey(p => p.Id);
        program.Property(p => p.Currency).HasMaxLength(3);
        program.Property(p => p.QrSecret).HasMaxLength(100);
        program.Property(p => p.BrandColour).HasMaxLength(7);
        program.Property(p => p.Logo).Metadata.SetMaxLength(null);
    }
}
