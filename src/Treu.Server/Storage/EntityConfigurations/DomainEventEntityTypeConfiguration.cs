using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Server.Events;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class DomainEventEntityTypeConfiguration : IEntityTypeConfiguration<DomainEvent>
{
    public void Configure(EntityTypeBuilder<DomainEvent> domainEvent)
    {
        domainEvent.HasKey(x => x.Id);
        // A member's events in delivery order, and no number given twice.
        domainEvent.HasIndex(x => new { x.MemberId, x.MemberSeq }).IsUnique();
        domainEvent.HasIndex(x => new { x.ProgramId, x.OccurredAt });
        domainEvent.Property(x => x.Type).HasMaxLength(64);
        domainEvent.Property(x => x.Payload).Metadata.SetMaxLength(null);
    }
}
