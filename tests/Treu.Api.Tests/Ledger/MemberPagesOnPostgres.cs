using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Ledger;

/// <summary>
/// How PostgreSQL stores members: a balance change must not move a member's row to another page. A row that stays on
/// its page is updated in place of its old version (a HOT update), and none of the member's five indexes is written;
/// a row that moves adds an entry to each of them, which made the expiry job three times slower per member.
/// </summary>
public sealed class MemberPagesOnPostgres(PostgresApp app) : ApiSpec(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Expiry_of_a_page_full_of_members_in_one_batch_keeps_every_member_on_its_page()
    {
        // Members enrolled one after another fill their pages; the job then changes all of their balances in one
        // transaction, where none of the old row versions can be cleared away yet.
        var members = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            members.Add(await EnrolId());
        }

        foreach (var member in members)
        {
            await Credit(member, 10);
        }

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

    /// <summary>The heap page of each member's row (the block number of its ctid).</summary>
    private Task<Dictionary<string, int>> Pages(List<string> members) =>
        App.Db(async db => (await db.Database
                .SqlQuery<MemberPage>($"SELECT id AS \"Id\", (ctid::text::point)[0]::int AS \"Page\" FROM members WHERE id = ANY({members.ToArray()})")
                .ToListAsync(TestContext.Current.CancellationToken))
            .ToDictionary(p => p.Id, p => p.Page));

    private sealed record MemberPage(string Id, int Page);
}
