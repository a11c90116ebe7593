using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Treu.Domain.Ledger;

namespace Treu.Server.Storage.EntityConfigurations;

internal sealed class PointsLotEntityTypeConfiguration : IEntityTypeConfiguration<PointsLot>
{
    public void Configure(EntityTypeBuilder<PointsLot> lot)
    {
        lot.HasKey(x => x.Id);
        lot.HasIndex(x => new { x.MemberId, x.State });
        // The jobs' scans, in member order: pending lots for activation, available lots for expiry. Partial, so a
        // lot leaves them when it is activated or closed instead of gaining an index entry with every change of state.
        lot.HasIndex(x => new { x.ProgramId, x.MemberId, x.AvailableAt }).HasFilter("state = 'Pending'").HasDatabaseName("ix_lots_due_for_activation");
        lot.HasIndex(x => new { x.ProgramId, x.MemberId, x.ExpiresAt }).HasFilter("state = 'Available'").HasDatabaseName("ix_lots_due_for_expiry");
    }
}
