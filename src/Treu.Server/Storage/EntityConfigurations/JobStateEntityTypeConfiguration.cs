using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Jobs;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class JobStateEntityTypeConfiguration : IEntityTypeConfiguration<JobState>
{
    public void Configure(EntityTypeBuilder<JobState> job) => job.HasKey(x => x.Name);
}
