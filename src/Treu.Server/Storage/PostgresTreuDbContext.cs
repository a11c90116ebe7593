using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Domain.Members;

using Treu.Server.Storage.Dialects;

namespace Treu.Server.Storage;

public sealed class PostgresTreuDbContext(DbContextOptions<PostgresTreuDbContext> options) : TreuDbContext(options)
{
    public override bool IsPostgres => true;

    public override StorageDialect Dialect => PostgresDialect.Instance;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Half of each members page is left free, so that a balance update finds room for the row's new version on its
        // own page and is a HOT update: none of the member's five indexes gets a new entry. Every purchase updates its
        // member, and the jobs update the members of a whole page in one transaction (in member order, most of them
        // have a lot due), where no old version can be pruned yet; a page with less room holds the new versions of only a few.
        b.Entity<Member>().HasStorageParameter("fillfactor", 50);
        // A member's lots are only ever looked up open (to spend, to return, to show what expires, to audit), so closed
        // ones (spent, reversed, expired: in time, most lots) leave the index, and a lot that closes adds no entry to it.
        // PostgreSQL proves "state = 'Available'" implies the condition; SQLite matches conditions word for word, so it
        // keeps the full index.
        b.Entity<PointsLot>().HasIndex(x => new { x.MemberId, x.State }).HasFilter("state <> 'Closed'");
    }
}
