using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Demo;

namespace Treu.Api.Tests.Demo;

/// <summary>
/// The demo program a newcomer's first start seeds (Treu:Demo:Seed): the README's tour runs against it, so its history
/// must be there, make sense and verify.
/// </summary>
public abstract class DemoProgramSpec(TreuApp app) : ApiSpec(app)
{
    private WebApplicationFactory<Program> SeededServer() => App.StartHost(b => b.UseSetting("Treu:Demo:Seed", "true"));

    private sealed record Counts(int Members, int Purchases, int Entries, int Returns, int Rules);

    private Task<Counts> CountAsync() => App.Db(async db => new Counts(await db.Members.CountAsync(), await db.Purchases.CountAsync(),
        await db.LedgerEntries.CountAsync(), await db.Returns.CountAsync(), await db.Rules.CountAsync()));

    [Fact]
    public async Task The_demo_has_weeks_of_purchases_in_both_stores_and_the_webshop_with_brands_redemptions_and_returns()
    {
        var admin = TreuApp.Client(SeededServer(), DemoKeys.AdminKey);

        var purchases = await App.Db(db => db.Purchases.Include(p => p.Lines).ToListAsync());
        var since = App.Clock.GetUtcNow().UtcDateTime.AddDays(-DemoHistory.Days - 1);
        Assert.InRange(purchases.Count, 200, 600);
        Assert.All(purchases, p => Assert.True(p.OccurredAt >= since, $"{p.ExternalId} happened {p.OccurredAt:O}"));
        Assert.Contains(purchases, p => p.Channel == "store" && p.StoreId == "berlin-mitte");
        Assert.Contains(purchases, p => p.Channel == "store" && p.StoreId == "hamburg-altona");
        Assert.Contains(purchases, p => p.Channel == "webshop");
        Assert.True(purchases.Count(p => p.PointsRedeemed > 0) >= 5, "some purchases are paid partly with points");
        var lines = purchases.SelectMany(p => p.Lines).ToList();
        Assert.Superset(new HashSet<string?> { "grocery", "organic", "bakery", "apparel" }, lines.Select(l => l.Category).ToHashSet());
        Assert.True(lines.Count(l => l.Brand == "Alnatura") >= 20, "Alnatura is a brand shoppers buy");
        Assert.InRange(await App.Db(db => db.Returns.CountAsync()), 2, 5);

        var report = await admin.GetJson("/v1/admin/ledger/verify");
        Assert.True((bool)report["ok"]!, $"Ledger verification failed: {report["mismatches"]}");
    }

    [Fact]
    public async Task Anna_starts_the_tour_with_1500_points_available_and_none_pending()
    {
        var till = TreuApp.Client(SeededServer(), DemoKeys.PosKey);

        var anna = await till.GetJson($"/v1/members/lookup?email={DemoMembers.AnnasEmail}");
        var balance = await till.GetJson($"/v1/members/{anna["id"]}/balance");

        Assert.Equal(DemoHistory.AnnasPoints, balance.Long("available"));
        Assert.Equal(0, balance.Long("pending"));
        Assert.Equal((string?)anna["id"], (string?)(await till.GetJson($"/v1/members/lookup?card={DemoMembers.AnnasCard}"))["id"]);
    }

    [Fact]
    public async Task Anna_is_Silver_and_sees_how_many_points_Gold_takes()
    {
        var till = TreuApp.Client(SeededServer(), DemoKeys.PosKey);

        var anna = await till.GetJson($"/v1/members/lookup?email={DemoMembers.AnnasEmail}");
        var tier = await till.GetJson($"/v1/members/{anna["id"]}/tier");

        Assert.Equal("silver", (string?)tier["tier"]!["id"]);
        Assert.Equal("gold", (string?)tier["next"]!["id"]);
        var missing = 2000 - tier.Long("qualifying");
        Assert.InRange(missing, 1, 1500);
        Assert.Equal(missing, tier.Long("next.missing"));
        Assert.Equal($"{missing.ToString("#,0", CultureInfo.InvariantCulture)} more points", (string?)tier["next"]!["missingText"]!["en"]);
    }

    [Fact]
    public async Task Anna_finds_a_catalogue_she_can_spend_her_points_on_and_the_cinema_ticket_says_it_is_for_gold()
    {
        var till = TreuApp.Client(SeededServer(), DemoKeys.PosKey);
        var anna = await till.GetJson($"/v1/members/lookup?email={DemoMembers.AnnasEmail}");

        var catalogue = await till.GetJson($"/v1/members/{anna["id"]}/rewards?lang=en");

        var rewards = catalogue["rewards"]!.AsArray().ToDictionary(r => (string)r!["id"]!, r => r!);
        Assert.Equal(["cinema-ticket", "five-euro-voucher", "free-coffee", "tote-bag", "tree-donation"], rewards.Keys.Order(StringComparer.Ordinal));
        Assert.True((bool)rewards["five-euro-voucher"]["canRedeem"]!);
        Assert.Equal(50, rewards["tote-bag"].Long("stockLeft"));
        Assert.Equal("tier_required", (string?)rewards["cinema-ticket"]["notRedeemableBecause"]);
        var welcome = await till.Post("/v1/vouchers/validate", new { code = DemoRewards.WelcomeCode, memberId = (string)anna["id"]! });
        await welcome.Problem(HttpStatusCode.UnprocessableEntity, "coupon_first_purchase_only");
    }

    [Fact]
    public async Task Three_times_the_points_on_Alnatura_would_have_reached_members_over_the_last_30_days()
    {
        var admin = TreuApp.Client(SeededServer(), DemoKeys.AdminKey);

        var simulation = await (await admin.Post("/v1/admin/rules/simulate", new
        {
            days = 30,
            definition = new
            {
                name = "3x on Alnatura",
                conditions = new[] { new { type = "product", brands = new[] { "Alnatura" } } },
                effects = new[] { new { type = "multiplier", factor = 3 } },
                caps = new { perMemberPerMonth = 300 },
            },
        })).Json(HttpStatusCode.OK);

        Assert.True(simulation.Long("membersReached") >= 10, simulation.ToJsonString());
        Assert.True(simulation.Long("extraPoints") > 0, simulation.ToJsonString());
    }

    [Fact]
    public async Task A_restart_seeds_nothing_twice()
    {
        SeededServer();
        var before = await CountAsync();

        SeededServer();

        Assert.Equal(before, await CountAsync());
        Assert.True(before.Purchases > 0 && before.Rules > 0);
    }
}

public sealed class DemoProgramOnSqlite(SqliteApp app) : DemoProgramSpec(app), IClassFixture<SqliteApp>;

public sealed class DemoProgramOnPostgres(PostgresApp app) : DemoProgramSpec(app), IClassFixture<PostgresApp>;
