using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Server.Jobs;

namespace Treu.Api.Tests.Tiers;

/// <summary>
/// Tiers as members and the loyalty manager meet them: up in the purchase that crosses a threshold, down only at a review,
/// one step at a time, never below a manual tier while it lasts, with every change in the history and as an event.
/// The ladder is the demo's: Bronze 0, Silver 500, Gold 2,000, Platinum 5,000 points, 1× to 2× the points.
/// </summary>
public abstract class TierSpec(TreuApp app) : ApiSpec(app)
{
    protected static object TierOf(string id, string de, string en, decimal threshold, decimal multiplier) =>
        new { id, name = new { de, en }, threshold, benefits = new { earnMultiplier = multiplier } };

    protected static object Ladder(string period = "rolling_12_months", string reviewAt = "months_after_upgrade", bool softLanding = true,
        string returns = "at_review", string metric = "qualifying_points", object[]? tiers = null) => new
        {
            metric,
            period,
            reviewAt,
            reviewMonths = 12,
            softLanding,
            returns,
            tiers = tiers ??
            [
                TierOf("bronze", "Bronze", "Bronze", 0, 1), TierOf("silver", "Silber", "Silver", 500, 1.25m),
                TierOf("gold", "Gold", "Gold", 2000, 1.5m), TierOf("platinum", "Platin", "Platinum", 5000, 2),
            ],
        };

    protected async Task<JsonNode> UseLadder(object ladder) => await (await Admin.Put("/v1/admin/tiers", ladder)).Json(HttpStatusCode.OK);

    protected async Task<JsonNode> Standing(string member) => await Admin.GetJson($"/v1/members/{member}/tier");

    protected async Task<string> TierOf(string member) => (string)(await Standing(member))["tier"]!["id"]!;

    protected async Task<JsonArray> History(string member) => (await Admin.GetJson($"/v1/members/{member}/tier/history"))["items"]!.AsArray();

    /// <summary>Moves the test clock past the member's next review and runs the review.</summary>
    protected async Task ReviewAfterDue(string member)
    {
        var due = (DateTime)(await Standing(member))["keep"]!["reviewAt"]!;
        Advance(due.ToUniversalTime().AddHours(1));
        await App.RunJob(TierReview.Name);
    }

    protected void Advance(DateTime toUtc)
    {
        var now = App.Clock.GetUtcNow().UtcDateTime;
        if (toUtc > now)
        {
            App.Clock.Advance(toUtc - now);
        }
    }

    [Fact]
    public async Task The_purchase_that_crosses_a_threshold_upgrades_the_member_in_its_answer_and_its_own_rules_see_the_tier_before()
    {
        await UseLadder(Ladder());
        var till = await Till();
        var member = await EnrolId();

        var crossing = await Purchase(till, member, [Line("A", 1, 600m)]);
        var next = await Purchase(till, member, [Line("B", 1, 100m)]);

        Assert.Equal(600, crossing.Long("earned.points"));
        Assert.Equal("bronze", (string?)crossing["tier"]!["from"]!["id"]);
        Assert.Equal("silver", (string?)crossing["tier"]!["to"]!["id"]);
        Assert.Equal("Silber", (string?)crossing["tier"]!["to"]!["name"]!["de"]);
        Assert.Equal("up", (string?)crossing["tier"]!["direction"]);
        Assert.Null(next["tier"]);
        Assert.Equal(125, next.Long("earned.points"));
        Assert.Contains(next["breakdown"]!.AsArray(), r => (string?)r!["rule"] == "tier.silver" && r.Long("points") == 25);

        var change = Assert.Single(await History(member))!;
        Assert.Equal(("purchase", (string?)crossing["id"], "silver"), ((string?)change["cause"], (string?)change["causeId"], (string?)change["to"]!["id"]));
        var recorded = await App.Db(db => db.DomainEvents.Where(e => e.MemberId == member).OrderBy(e => e.MemberSeq).ToListAsync());
        var tierChanged = Assert.Single(recorded, e => e.Type == "tier.changed");
        // The crossing purchase's own events first, then the change it caused, all in its commit.
        Assert.Equal(["member.enrolled", "purchase.recorded", "points.earned", "tier.changed", "purchase.recorded", "points.earned"], recorded.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, recorded.Count).Select(i => (long)i), recorded.Select(e => e.MemberSeq!.Value));
        Assert.Contains("\"cause\":\"purchase\"", tierChanged.Payload);
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task A_credit_and_a_rewarded_action_upgrade_too_and_say_so()
    {
        await UseLadder(Ladder());
        var credited = await EnrolId();
        var acted = await EnrolId();
        var type = Unique("survey_answered");
        var survey = new { name = "Survey", trigger = "event", eventType = type, effects = new[] { new { type = "bonus", points = 2000 } } };
        await (await Admin.Post("/v1/admin/rules", new { id = type, definition = survey }))
            .Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/admin/rules/{type}/activate", new { })).Json(HttpStatusCode.OK);

        var adjustment = await (await Admin.Post($"/v1/members/{credited}/adjustments", new { points = 600, reason = "Goodwill" })).Json(HttpStatusCode.Created);
        var action = await (await Admin.Post($"/v1/members/{acted}/events", new { type })).Json(HttpStatusCode.Created);

        Assert.Equal("silver", (string?)adjustment["tier"]!["to"]!["id"]);
        Assert.Equal("gold", (string?)action["tier"]!["to"]!["id"]);
        Assert.Equal(("adjustment", (string?)adjustment["id"]), ((string?)(await History(credited))[0]!["cause"], (string?)(await History(credited))[0]!["causeId"]));
        Assert.Equal("event", (string?)(await History(acted))[0]!["cause"]);
    }

    [Fact]
    public async Task The_tier_multiplier_counts_in_earning_and_the_preview_explains_every_tiers_rule()
    {
        await UseLadder(Ladder());
        var till = await Till();
        var member = await EnrolId();
        await Purchase(till, member, [Line("A", 1, 2100m)]);

        var earned = await Purchase(till, member, [Line("B", 1, 100m)]);
        var preview = await (await till.Post("/v1/transactions/preview", new { memberId = member, currency = "EUR", lines = new[] { Line("C", 1, 100m) } }))
            .Json(HttpStatusCode.OK);

        Assert.Equal(150, earned.Long("earned.points"));
        var breakdown = preview["breakdown"]!.AsArray();
        var gold = breakdown.Single(r => (string?)r!["rule"] == "tier.gold")!;
        var silver = breakdown.Single(r => (string?)r!["rule"] == "tier.silver")!;
        Assert.Equal((true, 50L), ((bool)gold["applied"]!, gold.Long("points")));
        Assert.Equal("Gold: 1.5× points", (string?)gold["name"]);
        Assert.False((bool)silver["applied"]!);
        Assert.Equal("tier is gold, not silver", (string?)silver["notAppliedBecause"]);
        Assert.Equal(150, preview.Long("earned.points"));
    }

    [Fact]
    public async Task The_tier_page_says_what_is_missing_for_the_next_tier_and_what_keeps_this_one()
    {
        await UseLadder(Ladder());
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 1450m)]);

        var standing = await Standing(member);

        Assert.Equal(("silver", "qualifying_points", "rolling_12_months"), ((string?)standing["tier"]!["id"], (string?)standing["metric"], (string?)standing["period"]));
        Assert.Equal(1450, standing.Long("qualifying"));
        Assert.Equal(("gold", 550L), ((string?)standing["next"]!["id"], standing.Long("next.missing")));
        Assert.Equal("550 more points", (string?)standing["next"]!["missingText"]!["en"]);
        Assert.Equal("noch 550 Punkte", (string?)standing["next"]!["missingText"]!["de"]);
        Assert.NotNull(standing["tier"]!["securedUntil"]);
        Assert.Equal(12, standing["history"]!.AsArray().Count);
        Assert.Equal(1450, standing["history"]!.AsArray().Sum(m => m!.Long("value")));
        Assert.Equal(1.25m, (decimal)standing["tier"]!["benefits"]!["earnMultiplier"]!);
    }

    [Fact]
    public async Task A_purchase_366_days_ago_no_longer_counts_in_a_rolling_window()
    {
        await UseLadder(Ladder());
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 600m)]);

        App.Clock.Advance(TimeSpan.FromDays(300));
        var after300 = await Standing(member);
        App.Clock.Advance(TimeSpan.FromDays(66));
        var after366 = await Standing(member);

        Assert.Equal(600, after300.Long("qualifying"));
        Assert.Equal(0, after366.Long("qualifying"));
        Assert.Equal(500, after366.Long("keep.needed"));
        Assert.Equal(2000, after366.Long("next.missing"));
        Assert.Equal("silver", (string?)after366["tier"]!["id"]);
    }

    [Fact]
    public async Task A_calendar_year_starts_again_on_the_first_of_January_and_its_review_reads_the_year_just_ended()
    {
        await UseLadder(Ladder(period: "calendar_year", reviewAt: "period_end"));
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 600m)]);
        var year = App.Clock.GetUtcNow().Year;

        Advance(new DateTime(year + 1, 1, 1, 12, 0, 0, DateTimeKind.Utc));
        await App.RunJob(TierReview.Name);
        var standing = await Standing(member);

        Assert.Equal(0, standing.Long("qualifying"));
        Assert.Equal("silver", (string?)standing["tier"]!["id"]);
        Assert.Equal(500, standing.Long("keep.needed"));
        Assert.Equal(new DateTime(year + 1, 12, 31, 23, 0, 0, DateTimeKind.Utc), ((DateTime)standing["keep"]!["reviewAt"]!).ToUniversalTime());
        Assert.DoesNotContain(await History(member), c => (string?)c!["cause"] == "review");
    }

    [Fact]
    public async Task A_soft_landing_takes_a_platinum_member_down_one_tier_per_review()
    {
        await UseLadder(Ladder());
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 5000m)]);

        await ReviewAfterDue(member);
        var first = await TierOf(member);
        await App.RunJob(TierReview.Name);
        Assert.Equal(first, await TierOf(member));
        await ReviewAfterDue(member);
        var second = await TierOf(member);

        Assert.Equal(("gold", "silver"), (first, second));
        var reviews = (await History(member)).Where(c => (string?)c!["cause"] == "review").ToList();
        Assert.Equal(["silver", "gold"], reviews.Select(c => (string?)c!["to"]!["id"]));
        Assert.All(reviews, c => Assert.Equal("down", (string?)c!["direction"]));
    }

    [Fact]
    public async Task Without_a_soft_landing_a_review_drops_straight_to_what_the_member_qualified_for()
    {
        await UseLadder(Ladder(softLanding: false));
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 5000m)]);

        await ReviewAfterDue(member);

        Assert.Equal("bronze", await TierOf(member));
    }

    [Fact]
    public async Task A_manual_tier_lifts_the_member_holds_as_a_floor_and_ends_on_its_day()
    {
        await UseLadder(Ladder());
        var member = await EnrolId();
        var until = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime.AddDays(30));

        var granted = await (await Admin.Put($"/v1/members/{member}/tier/manual", new { tier = "gold", until, reason = "Status match, case 2211" })).Json(HttpStatusCode.OK);
        await Purchase(await Till(), member, [Line("A", 1, 10m)]);
        var held = await Standing(member);
        await ReviewAfterDue(member);

        Assert.Equal(("bronze", "gold"), ((string?)granted["change"]!["from"]!["id"], (string?)granted["change"]!["to"]!["id"]));
        Assert.Equal(("gold", until.ToString("yyyy-MM-dd")), ((string?)held["manual"]!["tier"]!["id"], (string?)held["manual"]!["until"]));
        Assert.Equal("gold", (string?)held["tier"]!["id"]);
        Assert.Equal("silver", await TierOf(member));
        Assert.Null((await Standing(member))["manual"]);
        var history = await History(member);
        Assert.Equal(["review", "admin"], history.Select(c => (string?)c!["cause"]));
        Assert.Equal("Status match, case 2211", (string?)history[1]!["reason"]);
    }

    [Fact]
    public async Task A_return_after_an_upgrade_takes_the_qualifying_points_back_and_the_tier_at_the_review_by_default()
    {
        await UseLadder(Ladder(returns: "at_review"));
        var member = await EnrolId();
        var till = await Till();
        var purchase = await Purchase(till, member, [Line("A", 1, 600m)]);

        var returned = await (await till.Post($"/v1/transactions/{purchase["id"]}/returns", new { externalId = Unique("RET") })).Json(HttpStatusCode.Created);
        var standing = await Standing(member);

        Assert.Null(returned["tier"]);
        Assert.Equal("silver", (string?)standing["tier"]!["id"]);
        Assert.Equal(0, standing.Long("qualifying"));
        Assert.Equal(500, standing.Long("keep.needed"));
    }

    [Fact]
    public async Task A_return_after_an_upgrade_demotes_at_once_when_the_program_says_so_but_never_below_the_tier_held_before()
    {
        await UseLadder(Ladder(returns: "at_once"));
        var member = await EnrolId();
        var till = await Till();
        await Purchase(till, member, [Line("A", 1, 600m)]);
        var second = await Purchase(till, member, [Line("B", 1, 2000m)]);
        Assert.Equal("gold", (string?)second["tier"]!["to"]!["id"]);

        var returned = await (await till.Post($"/v1/transactions/{second["id"]}/returns", new { externalId = Unique("RET") })).Json(HttpStatusCode.Created);

        Assert.Equal(("gold", "silver", "down"), ((string?)returned["tier"]!["from"]!["id"], (string?)returned["tier"]!["to"]!["id"], (string?)returned["tier"]!["direction"]));
        Assert.Equal("silver", await TierOf(member));
        Assert.Equal(("return", (string?)returned["id"]), ((string?)(await History(member))[0]!["cause"], (string?)(await History(member))[0]!["causeId"]));
    }

    [Fact]
    public async Task Two_nodes_reviewing_at_once_make_each_change_exactly_once()
    {
        await UseLadder(Ladder());
        var till = await Till();
        var members = await EnrolIds(12);
        foreach (var member in members)
        {
            await Purchase(till, member, [Line("A", 1, 2500m)]);
        }

        var second = App.StartHost();
        Advance(((DateTime)(await Standing(members[0]))["keep"]!["reviewAt"]!).ToUniversalTime().AddDays(2));
        await Task.WhenAll(App.RunJob(TierReview.Name, batchSize: 3), App.RunJob(TierReview.Name, second, batchSize: 3));
        await App.RunJob(TierReview.Name, batchSize: 3);

        foreach (var member in members)
        {
            Assert.Equal("silver", await TierOf(member));
            Assert.Single(await History(member), c => (string?)c!["cause"] == "review");
        }

        var events = await App.Db(db => db.DomainEvents.Where(e => members.Contains(e.MemberId!)).ToListAsync());
        Assert.Equal(24, events.Count(e => e.Type == "tier.changed"));
        Assert.All(events.GroupBy(e => e.MemberId), g => Assert.Equal(Enumerable.Range(1, g.Count()).Select(i => (long)i), g.Select(e => e.MemberSeq!.Value).Order()));
    }

    [Theory]
    [InlineData("no_base", "tier_ladder_without_base")]
    [InlineData("not_increasing", "tier_thresholds_not_increasing")]
    [InlineData("duplicate", "tier_id_duplicate")]
    [InlineData("no_english_name", "tier_name_missing")]
    public async Task A_bad_ladder_is_refused_with_its_code_and_changes_nothing(string fault, string code)
    {
        await UseLadder(Ladder());
        var before = await Admin.GetJson("/v1/admin/tiers");
        object[] tiers = fault switch
        {
            "no_base" => [TierOf("silver", "Silber", "Silver", 500, 1), TierOf("gold", "Gold", "Gold", 2000, 1)],
            "not_increasing" => [TierOf("bronze", "Bronze", "Bronze", 0, 1), TierOf("gold", "Gold", "Gold", 2000, 1), TierOf("silver", "Silber", "Silver", 500, 1)],
            "duplicate" => [TierOf("bronze", "Bronze", "Bronze", 0, 1), TierOf("gold", "Gold", "Gold", 500, 1), TierOf("gold", "Gold", "Gold", 900, 1)],
            _ => [TierOf("bronze", "Bronze", "Bronze", 0, 1), new { id = "gold", name = new { de = "Gold" }, threshold = 500 }],
        };

        var response = await Admin.Put("/v1/admin/tiers", Ladder(tiers: tiers));

        await response.Problem(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal(before.ToJsonString(), (await Admin.GetJson("/v1/admin/tiers")).ToJsonString());
    }

    [Fact]
    public async Task A_ladder_out_of_shape_is_refused_field_by_field()
    {
        var response = await Admin.Put("/v1/admin/tiers", Ladder(period: "rolling_12_months", reviewAt: "period_end",
            tiers: [TierOf("Bronze!", "Bronze", "Bronze", 0, 1), TierOf("gold", "Gold", "Gold", 500, 0.5m)]));

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(["reviewAt", "tiers[0].id", "tiers[1].benefits.earnMultiplier"], problem["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Every_ladder_is_kept_as_a_version_with_an_entry_in_the_audit_trail()
    {
        var first = await UseLadder(Ladder());
        var second = await UseLadder(Ladder(softLanding: false));

        Assert.Equal(first.Long("version") + 1, second.Long("version"));
        Assert.False((bool)second["definition"]!["softLanding"]!);
        Assert.Equal([second.Long("version"), first.Long("version")], second["versions"]!.AsArray().Take(2).Select(v => v!.Long("version")));
        var audit = await Admin.GetJson("/v1/admin/audit?targetType=tiers");
        Assert.Equal("tiers.replaced", (string?)audit[0]!["action"]);
        Assert.Equal(second.Long("version"), audit[0]!.Long("details.version"));
    }

    [Fact]
    public async Task A_preview_tells_how_many_members_each_tier_of_a_new_ladder_would_hold_and_changes_nothing()
    {
        await UseLadder(Ladder());
        var lower = Ladder(tiers: [TierOf("bronze", "Bronze", "Bronze", 0, 1), TierOf("silver", "Silber", "Silver", 250, 1.25m)]);
        var before = await (await Admin.Post("/v1/admin/tiers/preview", lower)).Json(HttpStatusCode.OK);
        var member = await EnrolId();
        await Purchase(await Till(), member, [Line("A", 1, 300m)]);
        var version = (await Admin.GetJson("/v1/admin/tiers")).Long("version");

        var preview = await (await Admin.Post("/v1/admin/tiers/preview", lower)).Json(HttpStatusCode.OK);

        // The member holds Bronze now, and would hold Silver under the lower threshold.
        Assert.Equal(TierCount(before, "silver") + 1, TierCount(preview, "silver"));
        Assert.Equal(TierCount(before, "bronze"), TierCount(preview, "bronze"));
        Assert.Equal(Now(before, "bronze") + 1, Now(preview, "bronze"));
        Assert.Equal(preview.Long("members"), preview["tiers"]!.AsArray().Sum(t => t!.Long("members")));
        Assert.Equal("bronze", await TierOf(member));
        Assert.Equal(version, (await Admin.GetJson("/v1/admin/tiers")).Long("version"));
    }

    [Fact]
    public async Task The_figures_count_members_per_tier_and_upgrades_this_month()
    {
        await UseLadder(Ladder());
        var before = await Admin.GetJson("/v1/admin/tiers/stats");
        await Purchase(await Till(), await EnrolId(), [Line("A", 1, 700m)]);

        var stats = await Admin.GetJson("/v1/admin/tiers/stats");

        Assert.Equal(12, stats["months"]!.AsArray().Count);
        Assert.Equal(before["months"]![11]!.Long("upgrades") + 1, stats["months"]![11]!.Long("upgrades"));
        Assert.Equal(TierCount(before, "silver") + 1, TierCount(stats, "silver"));
        Assert.Equal(stats.Long("members"), stats["tiers"]!.AsArray().Sum(t => t!.Long("members")) + stats.Long("other"));
    }

    [Fact]
    public async Task A_manual_tier_needs_a_tier_of_the_ladder_a_day_to_end_and_a_reason()
    {
        await UseLadder(Ladder());
        var member = await EnrolId();
        var until = DateOnly.FromDateTime(App.Clock.GetUtcNow().UtcDateTime.AddDays(30));

        await (await Admin.Put($"/v1/members/{member}/tier/manual", new { tier = "diamond", until, reason = "?" })).Problem(HttpStatusCode.UnprocessableEntity, "unknown_tier");
        var missing = await (await Admin.Put($"/v1/members/{member}/tier/manual", new { tier = "gold" })).Problem(HttpStatusCode.BadRequest, "validation_failed");
        await (await (await Till()).Put($"/v1/members/{member}/tier/manual", new { tier = "gold", until, reason = "x" })).Problem(HttpStatusCode.Forbidden, "forbidden_scope");

        Assert.Equal(["reason", "until"], missing["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal("bronze", await TierOf(member));
        Assert.Empty(await History(member));
    }

    [Fact]
    public async Task A_gold_only_reward_reads_gold_only_to_a_silver_member_and_can_be_redeemed_after_the_upgrade()
    {
        await UseLadder(Ladder());
        var reward = Unique("cinema");
        await (await Admin.Post("/v1/admin/rewards", new
        {
            id = reward,
            type = "experience",
            pointsCost = 300,
            tiers = new[] { "gold", "platinum" },
            name = new { de = "Kinokarte", en = "Cinema ticket" },
        })).Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/admin/rewards/{reward}/activate", new { })).Json(HttpStatusCode.OK);
        var member = await EnrolId();
        await (await Admin.Post($"/v1/members/{member}/adjustments", new { points = 600, reason = "Goodwill" })).Json(HttpStatusCode.Created);

        var asSilver = (await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"))["rewards"]!.AsArray().Single(r => (string?)r!["id"] == reward)!;
        var refused = await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Problem(HttpStatusCode.UnprocessableEntity, "reward_not_eligible");
        await Purchase(await Till(), member, [Line("A", 1, 1500m)]);
        var asGold = (await Admin.GetJson($"/v1/members/{member}/rewards?lang=en"))["rewards"]!.AsArray().Single(r => (string?)r!["id"] == reward)!;
        var redeemed = await (await Admin.Post($"/v1/members/{member}/rewards/{reward}/redeem", new { })).Json(HttpStatusCode.Created);

        Assert.Contains("Gold", (string?)refused["detail"]);
        Assert.Equal(("tier_required", "Gold / Platinum only"), ((string?)asSilver["notRedeemableBecause"], (string?)asSilver["reason"]));
        Assert.False((bool)asSilver["canRedeem"]!);
        Assert.Equal("gold", await TierOf(member));
        Assert.True((bool)asGold["canRedeem"]!);
        Assert.NotNull((string?)redeemed["voucher"]!["code"]);
        Assert.Equal(600 - 300, await Available(member));
    }

    [Fact]
    public async Task A_campaign_opens_early_for_the_tiers_it_names_and_for_everyone_else_at_its_start()
    {
        await UseLadder(Ladder());
        var till = await Till();
        var gold = await EnrolId();
        var silver = await EnrolId();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await (await Admin.Put($"/v1/members/{gold}/tier/manual", new { tier = "gold", until = DateOnly.FromDateTime(now.AddDays(60)), reason = "Press" }))
            .Json(HttpStatusCode.OK);
        await (await Admin.Post($"/v1/members/{silver}/adjustments", new { points = 600, reason = "Goodwill" })).Json(HttpStatusCode.Created);
        var category = Unique("cat");
        var campaign = Unique("preview-sale");
        var rule = Unique("preview");
        var startsAt = now.AddDays(1);
        var created = await (await Admin.Post("/v1/admin/campaigns", new
        {
            id = campaign,
            name = "Preview sale",
            startsAt,
            endsAt = now.AddDays(7),
            earlyAccess = new { startsAt = now.AddHours(-1), tiers = new[] { "gold", "platinum" } },
            rules = new[]
            {
                new { id = rule, definition = new { name = "100 extra", conditions = new[] { new { type = "product", categories = new[] { category } } },
                    effects = new[] { new { type = "bonus", points = 100 } } } },
            },
        })).Json(HttpStatusCode.Created);
        await (await Admin.Post($"/v1/admin/campaigns/{campaign}/activate", new { })).Json(HttpStatusCode.OK);

        var goldEarly = await Purchase(till, gold, [Line("A", 1, 10m, category)]);
        var silverEarly = await Purchase(till, silver, [Line("A", 1, 10m, category)]);
        var preview = await (await till.Post("/v1/transactions/preview", new { memberId = silver, currency = "EUR", lines = new[] { Line("A", 1, 10m, category) } }))
            .Json(HttpStatusCode.OK);
        Advance(startsAt.AddMinutes(1));
        var silverOnTime = await Purchase(till, silver, [Line("A", 1, 10m, category)]);

        Assert.Equal(new[] { "gold", "platinum" }, created["earlyAccess"]!["tiers"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(100, Step(goldEarly, rule)?.Long("points"));
        Assert.Null(Step(silverEarly, rule));
        Assert.Equal($"starts on {startsAt:yyyy-MM-dd HH:mm} UTC, for gold or platinum on {now.AddHours(-1):yyyy-MM-dd HH:mm} UTC",
            (string?)Step(preview, rule)!["notAppliedBecause"]);
        Assert.Equal(100, Step(silverOnTime, rule)?.Long("points"));
    }

    [Fact]
    public async Task Early_access_needs_tiers_of_the_ladder_and_a_start_before_the_campaign_s()
    {
        await UseLadder(Ladder());
        var now = App.Clock.GetUtcNow().UtcDateTime;
        object Body(string id, DateTime early, params string[] tiers) =>
            new { id, name = "Preview sale", startsAt = now.AddDays(1), endsAt = now.AddDays(7), earlyAccess = new { startsAt = early, tiers } };
        var unknown = Unique("cmp");
        var late = Unique("cmp");

        var diamond = await (await Admin.Post("/v1/admin/campaigns", Body(unknown, now, "diamond"))).Problem(HttpStatusCode.UnprocessableEntity, "unknown_tier");
        var after = await (await Admin.Post("/v1/admin/campaigns", Body(late, now.AddDays(2), "gold"))).Problem(HttpStatusCode.BadRequest, "validation_failed");
        var none = await (await Admin.Post("/v1/admin/campaigns", Body(late, now))).Problem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["earlyAccess.tiers"], diamond["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["earlyAccess.startsAt"], after["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(["earlyAccess.tiers"], none["errors"]!.AsObject().Select(e => e.Key));
        await (await Admin.GetAsync($"/v1/admin/campaigns/{unknown}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
        await (await Admin.GetAsync($"/v1/admin/campaigns/{late}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "campaign_not_found");
    }

    private static JsonNode? Step(JsonNode purchase, string rule) => purchase["breakdown"]!.AsArray().SingleOrDefault(s => (string?)s!["rule"] == rule);

    private static long Now(JsonNode preview, string tier) => preview["tiers"]!.AsArray().Single(t => (string?)t!["id"] == tier)!.Long("membersNow");

    private static long TierCount(JsonNode stats, string tier) => stats["tiers"]!.AsArray().Single(t => (string?)t!["id"] == tier)!.Long("members");
}

public sealed class TierOnSqlite(SqliteApp app) : TierSpec(app), IClassFixture<SqliteApp>;

public sealed class TierOnPostgres(PostgresApp app) : TierSpec(app), IClassFixture<PostgresApp>;
