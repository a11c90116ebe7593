using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Staff;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class StaffAccountEntityTypeConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> account)
    {
        account.HasKey(x => x.Id);
        account.HasIndex(x => new { x.ProgramId, x.Email }).IsUnique();
        // Sign-in looks a person up by e-mail alone: a deployment runs one program.
        account.HasIndex(x => x.Email);
        account.Property(x => x.Email).HasMaxLength(254);
        account.Property(x => x.Role).HasMaxLength(20);
        account.Property(x => x.PasswordHash).HasMaxLength(500);
        account.Property(x => x.SecurityStamp).HasMaxLength(64);
        account.Property(x => x.TotpSecret).HasMaxLength(500);
    }
}
