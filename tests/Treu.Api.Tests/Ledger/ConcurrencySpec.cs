using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Ledger;

namespace Treu.Api.Tests.Ledger;

/// <summary>Tills and nodes racing each other: nothing overspent, nothing done twice.</summary>
public abstract class ConcurrencySpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task Fifty_concurrent_redemptions_on_one_account_never_overspend()
    {
        var member = await EnrolId();
        await Credit(member, 1000);
        var tills = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Till($"store-{i}")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            tills[i % 5].Post("/v1/transactions", Basket(member, $"RACE-{i}", [Line("A", 1, 10m, "gift_card")], redeemPoints: 100))));

        var codes = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(10, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(40, codes.Count(c => c == HttpStatusCode.UnprocessableEntity));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        }

        Assert.Equal(0, await Available(member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task The_same_receipt_sent_by_racing_retries_is_recorded_once()
    {
        var member = await EnrolId();
        var till = await Till();
        var basket = Basket(member, Unique("R"), [Line("A", 1, 10m)]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => till.Post("/v1/transactions", basket)));

        // Each answer is the purchase or "still in progress, retry"; never a second purchase.
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(10, await Pending(member));
        var purchases = await App.Db(db => db.Purchases.CountAsync(p => p.MemberId == member));
        Assert.Equal(1, purchases);
    }

    [Fact]
    public async Task A_retry_on_another_node_that_loses_the_race_to_its_own_first_attempt_gets_that_attempts_answer()
    {
        var member = await EnrolId();
        await Credit(member, 100);
        var tillA = await Till();
        var tillB = App.StartHost().CreateClient();
        tillB.DefaultRequestHeaders.Authorization = tillA.DefaultRequestHeaders.Authorization;
        var basket = Basket(member, Unique("RETRY"), [Line("A", 1, 10m, "gift_card")], redeemPoints: 100);

        // Hold the member's row so that the attempt and its retry both pass the idempotency check before either commits.
        HttpResponseMessage[] answers;
        await using (var scope = App.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Treu.Server.Storage.TreuDbContext>();
            var ct = TestContext.Current.CancellationToken;
            await using var hold = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"UPDATE members SET updated_at = updated_at WHERE id = {member}", ct);
            var sends = new[] { tillA.Post("/v1/transactions", basket, "till-7-receipt-42"), tillB.Post("/v1/transactions", basket, "till-7-receipt-42") };
            await App.UntilWritesWaitForALockAsync(2);
            await hold.RollbackAsync(ct);
            answers = await Task.WhenAll(sends);
        }

        // One attempt redeemed the 100 points; the other found nothing left to redeem, and answers with the first's result.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        Assert.Equal((string)(await answers[0].Json(HttpStatusCode.Created))["id"]!, (string)(await answers[1].Json(HttpStatusCode.Created))["id"]!);
        Assert.Equal(0, await Available(member));
        Assert.Equal(1, await App.Db(db => db.Purchases.CountAsync(p => p.MemberId == member)));
    }

    [Fact]
    public async Task Opposite_transfers_at_the_same_time_neither_deadlock_nor_lose_points()
    {
        var a = await EnrolId();
        var b = await EnrolId();
        await Credit(a, 1000);
        await Credit(b, 1000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Admin.Post("/v1/transfers", new { fromMemberId = i % 2 == 0 ? a : b, toMemberId = i % 2 == 0 ? b : a, points = 10 + i })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(2000, await Available(a) + await Available(b));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Expiry_run_by_two_nodes_at_once_expires_each_lot_exactly_once()
    {
        var members = await MembersCredited(12, 10, 20, 30);

        var second = App.StartHost();
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 + 1));
        var before = await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire));
        var runs = await Task.WhenAll(App.RunJob("expiry"), App.RunJob("expiry", second));

        // Other tests of this class left lots too: what both nodes report is exactly what was posted.
        Assert.Equal(await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire)) - before, runs.Sum());
        foreach (var member in members)
        {
            Assert.Equal(0, await Available(member));
        }

        var expiries = await App.Db(db => db.LedgerEntries.CountAsync(e => members.Contains(e.MemberId) && e.Kind == EntryKind.Expire));
        Assert.Equal(36, expiries);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Expiry_in_small_batches_on_two_nodes_expires_every_lot_of_a_member_with_more_due_lots_than_a_round_holds()
    {
        // Rounds of 7 lots × 2 batches: whichever round reaches the member with 20 lots ends inside them.
        var many = (await MembersCredited(1, [.. Enumerable.Repeat(5L, 20)]))[0];
        var few = await MembersCredited(6, 10, 20);

        var second = App.StartHost();
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 + 1));
        var before = await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire));
        var runs = await Task.WhenAll(App.RunJob("expiry", batchSize: 7), App.RunJob("expiry", second, batchSize: 7));
        // A node stops when the other holds every member it wanted: the next run finds what is left.
        var later = await App.RunJob("expiry", batchSize: 7);

        Assert.Equal(await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire)) - before, runs.Sum() + later);
        Assert.Equal(0, await Available(many));
        Assert.Equal(20, await App.Db(db => db.LedgerEntries.CountAsync(e => e.MemberId == many && e.Kind == EntryKind.Expire)));
        foreach (var member in few)
        {
            Assert.Equal(0, await Available(member));
            Assert.Equal(2, await App.Db(db => db.LedgerEntries.CountAsync(e => e.MemberId == member && e.Kind == EntryKind.Expire)));
        }

        Assert.Equal(0, await App.RunJob("expiry", batchSize: 7));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Expiry_in_many_small_batches_expires_every_due_lot_once_and_reports_each()
    {
        // Batches of 3 lots, 3 at a time: a batch starts whenever one ends, while the next round is being found.
        var members = await MembersCredited(17, 10, 20);
        members.AddRange(await MembersCredited(1, [.. Enumerable.Repeat(5L, 11)]));

        App.Clock.Advance(TimeSpan.FromDays(365 * 2 + 1));
        var before = await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire));
        var run = await App.RunJob("expiry", batchSize: 3, parallel: 3);

        Assert.Equal(await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Expire)) - before, run);
        foreach (var member in members)
        {
            Assert.Equal(0, await Available(member));
        }

        Assert.Equal(17 * 2 + 11, await App.Db(db => db.LedgerEntries.CountAsync(e => members.Contains(e.MemberId) && e.Kind == EntryKind.Expire)));
        Assert.Equal(0, await App.RunJob("expiry", batchSize: 3, parallel: 3));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Activation_run_by_two_nodes_at_once_activates_each_lot_exactly_once()
    {
        var till = await Till();
        var members = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var member = await EnrolId();
            members.Add(member);
            await Purchase(till, member, [Line("A", 1, 10m)]);
            await Purchase(till, member, [Line("B", 1, 20m)]);
        }

        var second = App.StartHost();
        App.Clock.Advance(TimeSpan.FromDays(15));
        var before = await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Activate));
        var runs = await Task.WhenAll(App.RunJob("activation"), App.RunJob("activation", second));

        Assert.Equal(await App.Db(db => db.LedgerEntries.CountAsync(e => e.Kind == EntryKind.Activate)) - before, runs.Sum());
        Assert.Equal(20, await App.Db(db => db.LedgerEntries.CountAsync(e => members.Contains(e.MemberId) && e.Kind == EntryKind.Activate)));
        foreach (var member in members)
        {
            Assert.Equal(30, await Available(member));
        }

        await AssertLedgerVerifies();
    }

    /// <summary>New members, each credited the given points, one lot per credit.</summary>
    private async Task<List<string>> MembersCredited(int count, params long[] credits)
    {
        var members = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var member = await EnrolId();
            members.Add(member);
            foreach (var points in credits)
            {
                await Credit(member, points);
            }
        }

        return members;
    }
}

public sealed class ConcurrencyOnSqlite(SqliteApp app) : ConcurrencySpec(app), IClassFixture<SqliteApp>;

public sealed class ConcurrencyOnPostgres(PostgresApp app) : ConcurrencySpec(app), IClassFixture<PostgresApp>;
