using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Ledger;

namespace Treu.Api.Tests.Ledger;

/// <summary>How PostgreSQL stores members and lots, where the layout decides what a write costs at a million members.</summary>
public sealed class StorageOnPostgres(PostgresApp app) : ApiSpec(app), IClassFixture<PostgresApp>
{
    /// <summary>
    /// A balance change must not move a member's row to another page. A row that stays on its page is updated in place
    /// of its old version (a HOT update), and none of the member's five indexes is written; a row that moves adds an
    /// entry to each of them, and at a million members those index writes are most of what the jobs' member updates cost.
    /// </summary>
    [Fact]
    public async Task Expiry_of_a_page_full_of_members_in_one_batch_keeps_every_member_on_its_page()
    {
        // Members enrolled one after another fill their pages; the job then changes all of their balances in one
        // transaction, where none of the old row versions can be cleared away yet.
        // An autovacuum worker analysing the table meanwhile (a busy test run keeps them busy) holds a snapshot, and the old
        // versions it can still see cannot be pruned to make room: not what this spec is about.
        await App.Db(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE members SET (autovacuum_enabled = false)", TestContext.Current.CancellationToken));
        var members = await EnrolIds(40);

        foreach (var member in members)
        {
            await Credit(member, 10);
        }

        // The credits' old row versions are cleared now, while nothing else runs, rather than by whichever update finds
        // them on its page, which a background job's snapshot of the moment can stop.
        await App.Db(db => db.Database.ExecuteSqlRawAsync("VACUUM members", TestContext.Current.CancellationToken));
        var before = await Pages(members);
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 + 1));
        var expired = await App.RunJob("expiry", batchSize: 1000, parallel: 1);

        Assert.True(expired >= members.Count, $"expired {expired} lots");
        foreach (var member in members)
        {
            Assert.Equal(0, await Available(member));
        }

        var after = await Pages(members);
        Assert.Equal(before, after);
        Assert.True(before.Values.Distinct().Count() > 1, "the members fill more than one page");
    }

    /// <summary>
    /// The member's lot index holds open lots only (closed ones, most lots in time, leave it and a lot that closes adds
    /// no entry), so every look-up of a member's lots must be one PostgreSQL can prove open: otherwise it reads the whole
    /// lots table, for every purchase.
    /// </summary>
    [Fact]
    public async Task A_member_s_open_lots_are_read_through_the_member_s_lot_index_and_closed_lots_are_not_in_it()
    {
        var member = await EnrolId();
        await Credit(member, 10);
        await Credit(member, 20);
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 + 1));
        await App.RunJob("expiry");
        await Credit(member, 30);

        var ct = TestContext.Current.CancellationToken;
        var plans = await App.Db(async db =>
        {
            // In a transaction that is rolled back: without a table scan, and without the jobs' due indexes (on a tiny
            // table the planner may take the expiry's for a look-up by member), the member's lot index must serve both.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; DROP INDEX ix_lots_due_for_expiry; DROP INDEX ix_lots_due_for_activation", ct);
            var spend = await db.Database.SqlQueryRaw<string>(
                "EXPLAIN SELECT * FROM lots AS l WHERE l.member_id = {0} AND l.state = 'Available' AND l.remaining > 0", member).ToListAsync(ct);
            var audit = await db.Database.SqlQueryRaw<string>(
                "EXPLAIN SELECT * FROM lots AS l WHERE l.member_id = ANY({0}) AND l.state <> 'Closed'", new object[] { new[] { member } }).ToListAsync(ct);
            return spend.Concat(audit).ToList();
        });
        Assert.True(plans.Count(line => line.Contains("ix_lots_member_id_state", StringComparison.Ordinal)) == 2, string.Join("\n", plans));

        // After a vacuum has cleared the entries of lots' old versions, the index holds one entry per open lot.
        var (indexed, open, all) = await App.Db(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("VACUUM (INDEX_CLEANUP ON) lots", ct);
            return (await db.Database.SqlQueryRaw<double>("SELECT reltuples::float8 AS \"Value\" FROM pg_class WHERE relname = 'ix_lots_member_id_state'").SingleAsync(ct),
                await db.Lots.CountAsync(l => l.State != LotState.Closed, ct), await db.Lots.CountAsync(ct));
        });
        Assert.Equal(open, (int)indexed);
        Assert.True(all > open, $"{all} lots, {open} open");
        Assert.Equal(30, await Available(member));
        await AssertLedgerVerifies();
    }

    /// <summary>The heap page of each member's row (the block number of its ctid).</summary>
    private Task<Dictionary<string, int>> Pages(List<string> members) =>
        App.Db(async db => (await db.Database
                .SqlQuery<MemberPage>($"SELECT id AS \"Id\", (ctid::text::point)[0]::int AS \"Page\" FROM members WHERE id = ANY({members.ToArray()})")
                .ToListAsync(TestContext.Current.CancellationToken))
            .ToDictionary(p => p.Id, p => p.Page));

    private sealed record MemberPage(string Id, int Page);
}
