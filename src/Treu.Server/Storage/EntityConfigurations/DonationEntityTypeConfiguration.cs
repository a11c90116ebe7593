using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class DonationEntityTypeConfiguration : IEntityTypeConfiguration<Donation>
{
    public void Configure(EntityTypeBuilder<Donation> donation)
    {
        donation.HasKey(x => x.Id);
        donation.HasIndex(x => new { x.MemberId, x.RewardId, x.CreatedAt });
        donation.Property(x => x.RewardId).HasMaxLength(64);
        donation.Property(x => x.Currency).HasMaxLength(3);
        donation.Property(x => x.ReceiptLine).HasMaxLength(300);
    }
}
