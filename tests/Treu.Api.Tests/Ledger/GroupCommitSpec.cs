using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Storage;

namespace Treu.Api.Tests.Ledger;

/// <summary>
/// Many tills at once: their purchases share commits, yet each gets its own answer, and nothing is lost or
/// counted twice — also when one write of a shared commit fails.
/// </summary>
public abstract class GroupCommitSpec(TreuApp app) : ApiSpec(app)
{
    private GroupCommit Commits => App.Host.Services.GetRequiredService<GroupCommit>();

    [Fact]
    public async Task Concurrent_purchases_share_commits_and_each_gets_its_own_answer()
    {
        var members = await EnrolIds(12);

        var tills = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Till($"store-{i}")));
        var before = Commits.Totals;

        var responses = await Task.WhenAll(Enumerable.Range(0, 96).Select(i =>
            tills[i % 4].Post("/v1/transactions", Basket(members[i % 12], $"GC-{Guid.NewGuid():n}", [Line("A", 1, 10m + i % 12)], storeId: $"store-{i % 4}"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var answers = await Task.WhenAll(responses.Select(r => r.Json(HttpStatusCode.Created)));
        Assert.Equal(96, answers.Select(a => (string)a["id"]!).Distinct().Count());
        for (var m = 0; m < 12; m++)
        {
            // Eight purchases of 10 + m euros each, one point per euro, all pending.
            Assert.Equal(8 * (10 + m), await Pending(members[m]));
        }

        var after = Commits.Totals;
        Assert.True(after.BatchedWrites > before.BatchedWrites, "no purchase shared a commit with another");
        Assert.True(after.Batches - before.Batches < after.BatchedWrites - before.BatchedWrites, "a shared commit held fewer than two writes");
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Purchases_of_one_member_in_one_commit_keep_the_balance_and_the_hash_chain_right()
    {
        var member = await EnrolId();
        await Credit(member, 500);
        var till = await Till();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            till.Post("/v1/transactions", Basket(member, $"ONE-{Guid.NewGuid():n}", [Line("A", 1, 20m, "gift_card")], redeemPoints: i % 3 == 0 ? 100 : null))));

        // Ten of them redeem 100 points each from 500: five go through, five are refused, whatever the order.
        Assert.Equal(25, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        }

        Assert.Equal(0, await Available(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_refused_purchase_in_a_shared_commit_changes_nothing_and_the_others_go_through()
    {
        var members = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var member = await EnrolId();
            await Credit(member, 150);
            members.Add(member);
        }

        var till = await Till();
        // Every member redeems 100 points twice at once: one of each pair is refused, the other goes through.
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            till.Post("/v1/transactions", Basket(members[i % 8], $"PAIR-{Guid.NewGuid():n}", [Line("A", 1, 30m, "gift_card")], redeemPoints: 100))));

        Assert.Equal(8, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        }

        foreach (var member in members)
        {
            Assert.Equal(50, await Available(member));
            Assert.Equal(1, await App.Db(db => db.Purchases.CountAsync(p => p.MemberId == member)));
        }

        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_receipt_raced_through_two_nodes_among_other_purchases_is_recorded_once_and_the_others_all_commit()
    {
        var second = App.StartHost();
        var tillA = await Till();
        var tillB = second.CreateClient();
        tillB.DefaultRequestHeaders.Authorization = tillA.DefaultRequestHeaders.Authorization;
        var members = await EnrolIds(6);

        // The same six receipts go to both nodes at once, mixed with forty purchases that are sent once.
        var raced = Enumerable.Range(0, 6).Select(i => Basket(members[i], $"RACED-{Guid.NewGuid():n}", [Line("A", 1, 10m)])).ToList();
        var single = Enumerable.Range(0, 40).Select(i => Basket(members[i % 6], $"SOLO-{Guid.NewGuid():n}", [Line("B", 1, 5m)])).ToList();
        var sends = raced.SelectMany(b => new[] { tillA.Post("/v1/transactions", b), tillB.Post("/v1/transactions", b) })
            .Concat(single.Select((b, i) => (i % 2 == 0 ? tillA : tillB).Post("/v1/transactions", b)));

        var responses = await Task.WhenAll(sends);

        // A racing duplicate is answered with the first purchase (a replay) or "in progress, retry" — never a second purchase.
        Assert.All(responses.Take(12), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.All(responses.Skip(12), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        foreach (var pair in responses.Take(12).Chunk(2))
        {
            var ids = new List<string>();
            foreach (var r in pair.Where(r => r.StatusCode == HttpStatusCode.Created))
            {
                ids.Add((string)(await r.Json(HttpStatusCode.Created))["id"]!);
            }

            Assert.NotEmpty(ids);
            Assert.Single(ids.Distinct());
        }

        foreach (var member in members)
        {
            var solos = single.Count / 6 + (members.IndexOf(member) < single.Count % 6 ? 1 : 0);
            Assert.Equal(10 + 5 * solos, await Pending(member));
        }

        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Purchases_sent_again_all_at_once_are_answered_from_their_first_answers_and_counted_once()
    {
        var members = await EnrolIds(8);

        var tills = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Till($"again-{i}")));
        var receipts = Enumerable.Range(0, 24).Select(_ => $"AGAIN-{Guid.NewGuid():n}").ToList();
        var baskets = receipts.Select((receipt, i) => Basket(members[i % 8], receipt, [Line("A", 1, 10m + i)], storeId: $"again-{i % 4}")).ToList();
        var first = await Task.WhenAll(baskets.Select((b, i) => tills[i % 4].Post("/v1/transactions", b)));
        var firstBodies = await Task.WhenAll(first.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.All(first, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var pending = await Task.WhenAll(members.Select(Pending));

        // Every till sends its receipts again (a lost answer), and eight receipt numbers come again with another amount,
        // all at once and among eight new purchases, so that they share commits.
        var reused = Enumerable.Range(0, 8).Select(i => Basket(members[i], receipts[i], [Line("B", 1, 99m)], storeId: $"again-{i % 4}"));
        var fresh = Enumerable.Range(0, 8).Select(i => Basket(members[i], $"NEW-{Guid.NewGuid():n}", [Line("C", 1, 5m)], storeId: $"again-{i % 4}"));
        var again = await Task.WhenAll(baskets.Concat(reused).Concat(fresh).Select((b, i) => tills[i % 4].Post("/v1/transactions", b)));

        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(HttpStatusCode.Created, again[i].StatusCode);
            Assert.True(again[i].Headers.Contains("Idempotent-Replayed"));
            Assert.Equal(firstBodies[i], await again[i].Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        foreach (var refused in again.Skip(24).Take(8))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "external_id_reused");
        }

        Assert.All(again.Skip(32), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        for (var m = 0; m < 8; m++)
        {
            // Only the new purchase of 5 euros counts.
            Assert.Equal(pending[m] + 5, await Pending(members[m]));
            Assert.Equal(4, await App.Db(db => db.Purchases.CountAsync(p => p.MemberId == members[m])));
        }

        await AssertLedgerVerifies();
    }
}

public sealed class GroupCommitOnSqlite(SqliteApp app) : GroupCommitSpec(app), IClassFixture<SqliteApp>;

public sealed class GroupCommitOnPostgres(PostgresApp app) : GroupCommitSpec(app), IClassFixture<PostgresApp>;
