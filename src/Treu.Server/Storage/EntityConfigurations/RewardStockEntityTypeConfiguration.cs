using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Rewards;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class RewardStockEntityTypeConfiguration : IEntityTypeConfiguration<RewardStock>
{
    public void Configure(EntityTypeBuilder<RewardStock> stock)
    {
        stock.HasKey(x => new { x.ProgramId, x.RewardId });
        stock.Property(x => x.RewardId).HasMaxLength(64);
        stock.Ignore(x => x.Left);
    }
}
