using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>
/// Each kind of cap: the rule gives up to its limit, the breakdown names the limit, and the limit resets when its
/// period does. Days, weeks and months are the program's (Berlin), read from the purchase's time.
/// </summary>
public abstract class EarningCapsSpec(TreuApp app) : RuledApiSpec(app)
{
    [Fact]
    public async Task A_cap_per_transaction_limits_every_purchase_on_its_own()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("5 per EUR on organic, at most 40", [Category(category)], [Rate(5, matchingLinesOnly: true)], caps: new { perTransaction = 40 }));
        var member = await EnrolId();
        var till = await Till();

        var first = await Buy(till, Receipt(member, [Item("A", 1, 20m, category)]));
        var second = await Buy(till, Receipt(member, [Item("A", 1, 20m, category)]));

        foreach (var result in new[] { first, second })
        {
            Assert.Equal(40, PointsOf(result, rule));
            Assert.True((bool)Step(result, rule)!["applied"]!);
            Assert.Equal("capped at 40 by the cap per transaction of 40", WhyNot(result, rule));
            Assert.Equal(["1:40"], LinesOf(result, rule));
            Assert.Equal(60, result.Long("earned.points"));
        }

        Assert.Equal(120, await Pending(member));
    }

    [Fact]
    public async Task A_daily_cap_per_member_gives_less_on_the_second_purchase_and_again_the_next_day()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("30 on organic, at most 50 a day", [Category(category)], [Bonus(30)], caps: new { perMemberPerDay = 50 }));
        var member = await EnrolId();
        var other = await EnrolId();
        var till = await Till();

        var first = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var second = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var third = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var fourth = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var otherMember = await Buy(till, Receipt(other, [Item("A", 1, 10m, category)]));
        App.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(30, PointsOf(first, rule));
        Assert.Equal(20, PointsOf(second, rule));
        Assert.Equal("capped at 20 by the daily cap per member of 50", WhyNot(second, rule));
        Assert.Equal(30, second.Long("earned.points"));
        Assert.Null(Step(third, rule));
        Assert.Equal(10, third.Long("earned.points"));
        AssertNotApplied(fourth, rule, "daily cap per member of 50 reached");
        Assert.Equal(30, PointsOf(otherMember, rule));
        Assert.Equal(30, PointsOf(nextDay, rule));
        Assert.Null(WhyNot(nextDay, rule));
    }

    [Fact]
    public async Task A_limit_of_times_per_member_per_day_resets_the_next_day()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("15 on the first organic basket of the day", [Category(category)], [Bonus(15)], caps: new { timesPerMemberPerDay = 1 }));
        var member = await EnrolId();
        var till = await Till();

        var first = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var again = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));
        App.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));

        Assert.Equal(15, PointsOf(first, rule));
        AssertNotApplied(again, rule, "limit reached: 1 time(s) per member per day");
        Assert.Equal(15, PointsOf(nextDay, rule));
    }

    [Fact]
    public async Task A_weekly_cap_per_member_runs_from_Monday_to_Sunday()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("30 on organic, at most 50 a week", [Category(category)], [Bonus(30)], caps: new { perMemberPerWeek = 50 }));
        var member = await EnrolId();
        var till = await Till();
        var monday = LastBefore(LastBefore(LocalToday(), DayOfWeek.Monday), DayOfWeek.Monday);

        var saturday = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(monday.AddDays(-2), 12)));
        var sunday = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(monday.AddDays(-1), 23, 30)));
        var nextMonday = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(monday, 0, 30)));

        Assert.Equal(30, PointsOf(saturday, rule));
        Assert.Equal(20, PointsOf(sunday, rule));
        Assert.Equal("capped at 20 by the weekly cap per member of 50", WhyNot(sunday, rule));
        Assert.Equal(30, PointsOf(nextMonday, rule));
    }

    [Fact]
    public async Task A_monthly_cap_per_member_runs_over_the_calendar_month()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("30 on organic, at most 50 a month", [Category(category)], [Bonus(30)], caps: new { perMemberPerMonth = 50 }));
        var member = await EnrolId();
        var till = await Till();
        var today = LocalToday();
        var firstOfLastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var lastDayBefore = firstOfLastMonth.AddDays(-1);

        var early = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(lastDayBefore.AddDays(-20), 12)));
        var late = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(lastDayBefore, 23, 30)));
        var newMonth = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)], InBerlin(firstOfLastMonth, 0, 30)));

        Assert.Equal(30, PointsOf(early, rule));
        Assert.Equal(20, PointsOf(late, rule));
        Assert.Equal("capped at 20 by the monthly cap per member of 50", WhyNot(late, rule));
        Assert.Equal(30, PointsOf(newMonth, rule));
    }

    [Fact]
    public async Task A_budget_is_shared_by_all_members_and_stops_the_rule_when_spent()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("40 on organic while the budget lasts", [Category(category)], [Bonus(40)], caps: new { budget = 100 }));
        var members = await EnrolIds(4);

        var till = await Till();

        var results = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var member in members.Take(3))
        {
            results.Add(await Buy(till, Receipt(member, [Item("A", 1, 10m, category)])));
        }

        var spent = await Preview(till, Receipt(members[3], [Item("A", 1, 10m, category)]));
        var last = await Buy(till, Receipt(members[3], [Item("A", 1, 10m, category)]));
        var view = await Admin.GetJson($"/v1/admin/rules/{rule}");

        Assert.Equal([40, 40, 20], results.Select(r => PointsOf(r, rule)));
        Assert.Equal("capped at 20 by the campaign budget of 100", WhyNot(results[2], rule));
        AssertNotApplied(spent, rule, "campaign budget of 100 reached");
        Assert.Null(Step(last, rule));
        Assert.Equal(10, last.Long("earned.points"));
        Assert.Equal(100, view.Long("budget.used"));
        Assert.Equal(0, view.Long("budget.left"));
        Assert.True((bool)view["budget"]!["exhausted"]!);
        Assert.False((bool)view["inForce"]!);
    }

    [Fact]
    public async Task A_limit_of_times_per_member_stops_the_rule_for_that_member_only()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("25 on organic, twice", [Category(category)], [Bonus(25)], caps: new { timesPerMember = 2 }));
        var member = await EnrolId();
        var other = await EnrolId();
        var till = await Till();

        var first = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var second = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var third = await Preview(till, Receipt(member, [Item("A", 1, 10m, category)]));
        App.Clock.Advance(TimeSpan.FromDays(40));
        var muchLater = await Buy(till, Receipt(member, [Item("A", 1, 10m, category)]));
        var otherMember = await Buy(till, Receipt(other, [Item("A", 1, 10m, category)]));

        Assert.Equal(25, PointsOf(first, rule));
        Assert.Equal(25, PointsOf(second, rule));
        AssertNotApplied(third, rule, "limit reached: 2 time(s) per member");
        Assert.Null(Step(muchLater, rule));
        Assert.Equal(25, PointsOf(otherMember, rule));
    }
}

public sealed class EarningCapsOnSqlite(SqliteApp app) : EarningCapsSpec(app), IClassFixture<SqliteApp>;

public sealed class EarningCapsOnPostgres(PostgresApp app) : EarningCapsSpec(app), IClassFixture<PostgresApp>;

/// <summary>
/// Tills racing for the last points of a budget: the row lock on PostgreSQL keeps the total within it; on either database,
/// purchases that share a commit see the budget their predecessors in it spent.
/// </summary>
public abstract class EarningBudgetRaceSpec(TreuApp app) : RuledApiSpec(app)
{
    [Fact]
    public async Task Twenty_concurrent_purchases_by_twenty_members_never_spend_more_than_the_budget()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("10 on organic while 50 last", [Category(category)], [Bonus(10)], caps: new { budget = 50 }));
        var members = await EnrolIds(20);

        var tills = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Till($"{category}-store-{i}")));

        var responses = await Task.WhenAll(members.Select((member, i) => tills[i % 4].Post("/v1/transactions", Receipt(member, [Item("A", 1, 10m, category)]))));

        var results = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var response in responses)
        {
            results.Add(await response.Json(HttpStatusCode.Created));
        }

        Assert.Equal(50, results.Sum(r => PointsOf(r, rule)));
        Assert.Equal(5, results.Count(r => PointsOf(r, rule) == 10));
        Assert.Equal(20 * 10 + 50, results.Sum(r => r.Long("earned.points")));
        var view = await Admin.GetJson($"/v1/admin/rules/{rule}");
        Assert.Equal(50, view.Long("budget.used"));
        Assert.True((bool)view["budget"]!["exhausted"]!);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task Concurrent_purchases_of_members_with_a_daily_cap_each_get_the_cap_once()
    {
        var category = Unique("cat");
        var rule = await Activate(Rule("30 on organic, at most 50 a day", [Category(category)], [Bonus(30)], caps: new { perMemberPerDay = 50 }));
        var members = await EnrolIds(8);

        var tills = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Till($"{category}-store-{i}")));
        // Each member has used 30 of today's 50 already, so what the rule has given is read from the database in the race.
        foreach (var member in members)
        {
            Assert.Equal(30, PointsOf(await Buy(tills[0], Receipt(member, [Item("A", 1, 10m, category)])), rule));
        }

        var batched = App.Host.Services.GetRequiredService<Treu.Server.Storage.GroupCommit>().Totals.BatchedWrites;

        // Six more purchases per member at once, from four tills: they share commits, several of one member in one commit.
        var responses = await Task.WhenAll(Enumerable.Range(0, 48).Select(i =>
            tills[i % 4].Post("/v1/transactions", Receipt(members[i % 8], [Item("A", 1, 10m, category)]))));

        var results = new List<System.Text.Json.Nodes.JsonNode>();
        foreach (var response in responses)
        {
            results.Add(await response.Json(HttpStatusCode.Created));
        }

        for (var m = 0; m < 8; m++)
        {
            var own = results.Where((_, i) => i % 8 == m).ToList();
            Assert.Equal(20, own.Sum(r => PointsOf(r, rule)));
            // 10 points a euro's base rate on each of seven purchases, and 50 from the rule.
            Assert.Equal(7 * 10 + 50, await Pending(members[m]));
        }

        Assert.True(App.Host.Services.GetRequiredService<Treu.Server.Storage.GroupCommit>().Totals.BatchedWrites > batched, "no purchase shared a commit");
        await AssertLedgerVerifies();
    }
}

public sealed class EarningBudgetRaceOnSqlite(SqliteApp app) : EarningBudgetRaceSpec(app), IClassFixture<SqliteApp>;

public sealed class EarningBudgetRaceOnPostgres(PostgresApp app) : EarningBudgetRaceSpec(app), IClassFixture<PostgresApp>;
