using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Events;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class EarlyRoutedEventEntityTypeConfiguration : IEntityTypeConfiguration<EarlyRoutedEvent>
{
    public void Configure(EntityTypeBuilder<EarlyRoutedEvent> early) => early.HasKey(x => x.EventId);
}
