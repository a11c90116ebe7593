using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class VoucherEntityTypeConfiguration : IEntityTypeConfiguration<Voucher>
{
    public void Configure(EntityTypeBuilder<Voucher> voucher)
    {
        voucher.HasKey(x => x.Id);
        // A code is unique in its program; a code of another program is simply not found.
        voucher.HasIndex(x => new { x.ProgramId, x.Code }).IsUnique();
        // The member's vouchers (newest first) and how often the member redeemed a reward lately.
        voucher.HasIndex(x => new { x.MemberId, x.RewardId, x.IssuedAt });
        voucher.HasIndex(x => new { x.ProgramId, x.CampaignId });
        // The expiry job's scan: open vouchers by end date.
        voucher.HasIndex(x => new { x.Status, x.ValidTo });
        voucher.Property(x => x.Code).HasMaxLength(32);
        voucher.Property(x => x.RewardId).HasMaxLength(64);
        voucher.Property(x => x.CampaignId).HasMaxLength(64);
        voucher.Property(x => x.Name).AsJson();
        voucher.Property(x => x.Terms).AsJson();
        voucher.Property(x => x.SpentLots).AsJson();
        voucher.Property(x => x.ReservedFor).HasMaxLength(300);
        voucher.Property(x => x.RedeemedExternalId).HasMaxLength(100);
    }
}
