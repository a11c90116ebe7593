using System.Net;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Ledger;

public abstract class LedgerSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task Pending_points_become_available_after_the_return_window_and_only_once()
    {
        var till = await Till();
        var member = await EnrolId();
        await Purchase(till, member, [Line("A", 1, 40m)]);

        App.Clock.Advance(TimeSpan.FromDays(13));
        await App.RunJob("activation");
        Assert.Equal(40, await Pending(member));

        App.Clock.Advance(TimeSpan.FromDays(2));
        await App.RunJob("activation");
        await App.RunJob("activation");

        var balance = await Balance(member);
        Assert.Equal(40, balance.Long("available"));
        Assert.Equal(0, balance.Long("pending"));
        var ledger = await Admin.GetJson($"/v1/members/{member}/ledger");
        Assert.Single(ledger["items"]!.AsArray(), e => (string?)e!["kind"] == "activate");
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Spending_takes_the_lots_that_expire_first_and_expiry_takes_what_is_left()
    {
        var member = await EnrolId();
        await Credit(member, 100);
        App.Clock.Advance(TimeSpan.FromDays(180));
        await Credit(member, 100);
        var till = await Till();
        await Purchase(till, member, [Line("A", 1, 100m, "gift_card")], redeemPoints: 150);

        // The first lot's date passes: it was spent entirely, so nothing of it is left to expire.
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 - 180 + 2));
        await App.RunJob("expiry");
        Assert.Equal(50, await Available(member));

        App.Clock.Advance(TimeSpan.FromDays(180));
        await App.RunJob("expiry");
        Assert.Equal(0, await Available(member));
        var entries = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray();
        var expiry = Assert.Single(entries, e => (string?)e!["kind"] == "expire");
        Assert.Equal(-50, expiry!.Long("points"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task The_balance_shows_what_expires_in_the_next_30_days()
    {
        var member = await EnrolId();
        await Credit(member, 300);
        App.Clock.Advance(TimeSpan.FromDays(60));
        await Credit(member, 200);

        App.Clock.Advance(TimeSpan.FromDays(365 * 2 - 60 - 10));
        var balance = await Balance(member);

        Assert.Equal(500, balance.Long("available"));
        Assert.Equal(300, balance.Long("expiringWithin30Days"));
        var expiring = Assert.Single(balance["expiring"]!.AsArray());
        Assert.Equal(300, expiring!.Long("points"));
    }

    [Fact]
    public async Task The_ledger_pages_newest_first_with_a_cursor()
    {
        var member = await EnrolId();
        for (var i = 1; i <= 30; i++)
        {
            await Credit(member, i);
        }

        var first = await Admin.GetJson($"/v1/members/{member}/ledger");
        var second = await Admin.GetJson($"/v1/members/{member}/ledger?cursor={first["nextCursor"]}");

        var seqs = first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => e!.Long("seq")).ToList();
        Assert.Equal(Enumerable.Range(1, 30).Reverse().Select(i => (long)i), seqs);
        Assert.Equal(30, first["items"]![0]!.Long("points"));
        Assert.Null(second["nextCursor"]);
        await (await Admin.GetAsync($"/v1/members/{member}/ledger?limit=1000", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Admin.GetAsync($"/v1/members/{member}/ledger?cursor=not-a-cursor", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Every_entry_says_why_who_and_what_caused_it()
    {
        var till = await Till();
        var member = await EnrolId();
        var purchase = await Purchase(till, member, [Line("A", 1, 10m)], receipt: "R-CAUSE-1");

        var entry = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]![0]!;

        Assert.Equal("earn", (string?)entry["kind"]);
        Assert.Contains("R-CAUSE-1", (string?)entry["reason"]);
        Assert.Equal("store", (string?)entry["channel"]);
        Assert.StartsWith("api_key:", (string?)entry["actor"]);
        Assert.Equal("purchase", (string?)entry["cause"]!["type"]);
        Assert.Equal((string?)purchase["id"], (string?)entry["cause"]!["id"]);
        Assert.Equal(64, ((string?)entry["hash"])!.Length);
    }

    [Fact]
    public async Task Adjustments_need_an_admin_a_reason_and_cannot_overdraw()
    {
        var member = await EnrolId();
        var till = await Till();

        await (await till.Post($"/v1/members/{member}/adjustments", new { points = 100, reason = "x" })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        var noReason = await (await Admin.Post($"/v1/members/{member}/adjustments", new { points = 100 })).Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(noReason["errors"]!["reason"]);
        await Credit(member, 100);
        await (await Admin.Post($"/v1/members/{member}/adjustments", new { points = -150, reason = "correction" }))
            .Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        var debit = await (await Admin.Post($"/v1/members/{member}/adjustments", new { points = -40, reason = "correction" })).Json(HttpStatusCode.Created);

        Assert.Equal(60, debit.Long("balance.available"));
        Assert.Equal("correction", (string?)debit["entry"]!["reason"]);
    }

    [Theory]
    [InlineData("to", "mbr_00000000000000000000000000")]
    [InlineData("to", "MBR_UPPER")]
    [InlineData("from", "mbr_00000000000000000000000000")]
    [InlineData("from", "zzz_after_every_member")]
    public async Task A_transfer_naming_a_member_who_does_not_exist_is_a_404_and_moves_nothing(string side, string unknown)
    {
        var real = await EnrolId();
        await Credit(real, 300);
        // An upper-case spelling of the real member's id is another id, and no member has it.
        var missing = unknown == "MBR_UPPER" ? real.ToUpperInvariant() : unknown;
        var (from, to) = side == "to" ? (real, missing) : (missing, real);

        var refused = await (await Admin.Post("/v1/transfers", new { fromMemberId = from, toMemberId = to, points = 100, reason = "Family pooling" }))
            .Problem(HttpStatusCode.NotFound, "member_not_found");

        Assert.Contains(missing, (string?)refused["detail"]);
        Assert.Equal(300, await Available(real));
        Assert.Single((await Admin.GetJson($"/v1/members/{real}/ledger"))["items"]!.AsArray());
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_transfer_moves_points_atomically_and_keeps_their_expiry()
    {
        var from = await EnrolId();
        var to = await EnrolId();
        await Credit(from, 500);
        var app = await App.ClientWithScope("app");

        var transfer = await (await app.Post("/v1/transfers", new { fromMemberId = from, toMemberId = to, points = 200, reason = "Family pooling" })).Json(HttpStatusCode.Created);
        var tooMuch = await app.Post("/v1/transfers", new { fromMemberId = from, toMemberId = to, points = 400 });

        Assert.Equal(300, transfer.Long("from.available"));
        Assert.Equal(200, transfer.Long("to.available"));
        await tooMuch.Problem(HttpStatusCode.UnprocessableEntity, "insufficient_points");
        Assert.Equal(300, await Available(from));
        Assert.Equal(200, await Available(to));
        App.Clock.Advance(TimeSpan.FromDays(365 * 2 - 10));
        Assert.Equal(200, (await Balance(to)).Long("expiringWithin30Days"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_transfer_to_oneself_or_by_a_till_is_refused()
    {
        var member = await EnrolId();
        var till = await Till();

        await (await Admin.Post("/v1/transfers", new { fromMemberId = member, toMemberId = member, points = 1 })).Problem(HttpStatusCode.BadRequest, "validation_failed");
        await (await till.Post("/v1/transfers", new { fromMemberId = member, toMemberId = "x", points = 1 })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");
    }

    [Fact]
    public async Task Verification_detects_an_entry_altered_directly_in_the_database()
    {
        var member = await EnrolId();
        await Credit(member, 100);
        await Credit(member, 50);
        await AssertLedgerVerifies();

        // An insider raises an entry and the cached balance together, so the sums still agree.
        await App.Db(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE ledger_entries SET available_delta = 5000 WHERE member_id = {0} AND seq = 1", member));
        await App.Db(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE members SET available = available + 4900 WHERE id = {0}", member));

        var report = await Verify();
        Assert.False((bool)report["ok"]!);
        var mismatches = report["mismatches"]!.AsArray();
        Assert.Contains(mismatches, m => (string?)m!["memberId"] == member && (long?)m["seq"] == 1 && ((string?)m["problem"])!.Contains("altered"));
        Assert.DoesNotContain(mismatches, m => (string?)m!["problem"] is { } p && p.Contains("balance mismatch"));

        // Put it back so the other tests of this class see a clean ledger.
        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET available_delta = 100 WHERE member_id = {0} AND seq = 1", member));
        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE members SET available = available - 4900 WHERE id = {0}", member));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Verification_detects_a_cached_balance_that_differs_from_the_entries()
    {
        var member = await EnrolId();
        await Credit(member, 100);

        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE members SET available = 1000000 WHERE id = {0}", member));
        var report = await Verify();
        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE members SET available = 100 WHERE id = {0}", member));

        Assert.False((bool)report["ok"]!);
        Assert.Contains(report["mismatches"]!.AsArray(), m => (string?)m!["memberId"] == member && ((string?)m["problem"])!.Contains("balance mismatch"));
    }

    [Fact]
    public async Task The_ledger_verify_command_fails_when_an_entry_was_altered()
    {
        var member = await EnrolId();
        await Credit(member, 70);
        string[] verify = ["ledger", "verify", .. App.CommandLineSettings];
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(output) });

        Assert.Equal(0, await Treu.Server.Cli.Commands.RunAsync(verify, console));
        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET reason = 'nothing to see' WHERE member_id = {0}", member));
        var exitCode = await Treu.Server.Cli.Commands.RunAsync(verify, console);
        await App.Db(db => db.Database.ExecuteSqlRawAsync("UPDATE ledger_entries SET reason = 'test credit' WHERE member_id = {0}", member));

        Assert.Equal(1, exitCode);
        Assert.Contains(member, output.ToString());
        Assert.Contains("mismatch", output.ToString());
        Assert.Equal(0, await Treu.Server.Cli.Commands.RunAsync(verify, console));
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(-10_000_001L)]
    public async Task An_adjustment_beyond_the_bounds_is_a_400_and_changes_nothing(long points)
    {
        var member = await EnrolId();

        var response = await Admin.Post($"/v1/members/{member}/adjustments", new { points, reason = "overflow" });

        await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(0, await Available(member));
    }
}

public sealed class LedgerOnSqlite(SqliteApp app) : LedgerSpec(app), IClassFixture<SqliteApp>;

public sealed class LedgerOnPostgres(PostgresApp app) : LedgerSpec(app), IClassFixture<PostgresApp>;
