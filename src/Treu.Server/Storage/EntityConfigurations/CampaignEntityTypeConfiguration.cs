using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Rules;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class CampaignEntityTypeConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> campaign)
    {
        campaign.HasKey(x => new { x.ProgramId, x.Id });
        campaign.Property(x => x.Description).Metadata.SetMaxLength(null);
        campaign.Property(x => x.EarlyTiers).AsJson();
    }
}
