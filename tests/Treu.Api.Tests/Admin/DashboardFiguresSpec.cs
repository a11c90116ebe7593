using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Ledger;
using Treu.Server.Figures;

namespace Treu.Api.Tests.Admin;

/// <summary>
/// The console's dashboard reads daily figures that a job keeps, never the ledger itself: what it shows must add up to
/// what the ledger and the members hold, however often the job runs and whatever happened between its runs.
/// </summary>
public abstract class DashboardFiguresSpec(TreuApp app) : ApiSpec(app)
{
    // A node that takes in every write at once (no lag): the spec's writes have all committed before the job runs.
    private WebApplicationFactory<Program> Node => _node ??= App.StartHost(b => b.UseSetting("Treu:Jobs:FiguresLag", "00:00:00"));
    private WebApplicationFactory<Program>? _node;

    private async Task RollUp() =>
        await (await TreuApp.Client(Node, TreuApp.AdminKey).Post("/v1/admin/jobs/figures/run", new { })).Json(HttpStatusCode.OK);

    private async Task<ProgramFigures.Dashboard> Dashboard(string? channel = null)
    {
        await using var scope = Node.Services.CreateAsyncScope();
        var programId = await App.Db(db => db.Programs.Select(p => p.Id).FirstAsync());
        return await scope.ServiceProvider.GetRequiredService<ProgramFigures>().RunAsync(programId, new ProgramFigures.Filter(52, channel), CancellationToken.None);
    }

    private async Task<long> LedgerSum(EntryKind kind) =>
        await App.Db(db => db.LedgerEntries.Where(e => e.Kind == kind).SumAsync(e => e.AvailableDelta + e.PendingDelta));

    [Fact]
    public async Task The_dashboard_figures_reconcile_with_the_ledger_after_every_run()
    {
        var till = await Till("berlin-mitte");
        var members = await EnrolIds(3);
        await Credit(members[0], 500);
        await Purchase(till, members[0], [Line("A", 2, 30m)], redeemPoints: 200);
        var receipt = (string)(await Purchase(till, members[1], [Line("B", 4, 10m, "organic")]))["id"]!;
        await RollUp();

        await (await till.Post($"/v1/transactions/{receipt}/returns", new { lines = new[] { new { sku = "B", quantity = 1 } } })).Json(HttpStatusCode.Created);
        await Purchase(till, members[2], [Line("C", 1, 99m)]);
        await RollUp();
        await RollUp();

        var figures = await Dashboard();
        var held = await App.Db(db => db.Members.SumAsync(m => m.Available + m.Pending));
        Assert.Equal(held, figures.Outstanding);
        Assert.Equal(await LedgerSum(EntryKind.Earn), figures.Earned);
        Assert.Equal(-await LedgerSum(EntryKind.Redeem), figures.Redeemed);
        Assert.Equal(await App.Db(db => db.Members.LongCountAsync()), figures.Enrolled);
        Assert.Equal(await App.Db(db => db.Purchases.LongCountAsync()), figures.Weeks.Sum(w => w.Purchases));
        Assert.Equal(await App.Db(db => db.Purchases.SumAsync(p => p.Total)), figures.Weeks.Sum(w => w.Sales));
    }

    [Fact]
    public async Task The_members_per_tier_are_kept_with_every_tier_change_and_equal_a_count_of_the_members_before_and_after_each_run()
    {
        object Tier(string id, decimal threshold) => new { id, name = new { de = id, en = id }, threshold, benefits = new { earnMultiplier = 1 } };
        var ladder = new
        {
            metric = "qualifying_points",
            period = "rolling_12_months",
            reviewAt = "months_after_upgrade",
            reviewMonths = 12,
            softLanding = true,
            returns = "at_once",
            tiers = new[] { Tier("bronze", 0), Tier("silver", 500), Tier("gold", 2000) },
        };
        await (await Admin.Put("/v1/admin/tiers", ladder)).Json(HttpStatusCode.OK);
        var till = await Till("berlin-mitte");
        var members = await EnrolIds(4);
        await Purchase(till, members[0], [Line("A", 1, 600m)]);
        await RollUp();
        var gold = await Purchase(till, members[1], [Line("B", 1, 2500m)]);
        var until = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        await (await Admin.Put($"/v1/members/{members[2]}/tier/manual", new { tier = "silver", until, reason = "Status match" })).Json(HttpStatusCode.OK);
        await AssertTiersCounted();

        await (await till.Post($"/v1/transactions/{gold["id"]}/returns", new { externalId = Unique("RET") })).Json(HttpStatusCode.Created);
        await EnrolIds(2);
        await AssertTiersCounted();
        await RollUp();
        await AssertTiersCounted();
        await RollUp();
        await AssertTiersCounted();
    }

    /// <summary>The tier statistics (from the kept counts) say what a count of the members' tiers says.</summary>
    private async Task AssertTiersCounted()
    {
        var stats = await Admin.GetJson("/v1/admin/tiers/stats");
        var held = await App.Db(db => db.Members.GroupBy(m => m.Tier ?? "bronze").Select(g => new { Tier = g.Key, Count = g.LongCount() }).ToListAsync());
        var counted = stats["tiers"]!.AsArray().ToDictionary(t => (string)t!["id"]!, t => t!.Long("members"));
        Assert.Equal(held.Sum(h => h.Count), stats.Long("members"));
        Assert.All(held.Where(h => counted.ContainsKey(h.Tier)), h => Assert.Equal(h.Count, counted[h.Tier]));
        Assert.Contains(held, h => h.Tier == "silver");
        Assert.Equal(held.Sum(h => h.Count), counted.Values.Sum() + stats.Long("other"));
    }

    [Fact]
    public async Task A_channel_shows_only_its_own_purchases()
    {
        var member = await EnrolId();
        await Purchase(await Till("hamburg"), member, [Line("S", 1, 20m)]);
        await RollUp();

        var store = await Dashboard("store");
        var webshop = await Dashboard("webshop");

        Assert.Equal(await App.Db(db => db.Purchases.LongCountAsync(p => p.Channel == "store")), store.Weeks.Sum(w => w.Purchases));
        Assert.Equal(await App.Db(db => db.Purchases.LongCountAsync(p => p.Channel == "webshop")), webshop.Weeks.Sum(w => w.Purchases));
        Assert.Contains("store", store.Channels);
    }
}

public sealed class DashboardFiguresOnSqlite(SqliteApp app) : DashboardFiguresSpec(app), IClassFixture<SqliteApp>;

public sealed class DashboardFiguresOnPostgres(PostgresApp app) : DashboardFiguresSpec(app), IClassFixture<PostgresApp>;
