using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Rules;

/// <summary>Actions that are not purchases (newsletter opt-in, review …): rewarded by the event rules, once per externalId, at once.</summary>
public abstract class MemberEventSpec(TreuApp app) : RuledApiSpec(app)
{
    private static async Task<HttpResponseMessage> Send(HttpClient client, string memberId, object body) =>
        await client.Post($"/v1/members/{memberId}/events", body);

    private static async Task<JsonNode> Record(HttpClient client, string memberId, object body) =>
        await (await Send(client, memberId, body)).Json(HttpStatusCode.Created);

    [Theory]
    [InlineData("pos")]
    [InlineData("ecommerce")]
    [InlineData("app")]
    [InlineData("admin")]
    public async Task An_event_earns_by_its_rule_with_any_key_and_the_points_are_available_at_once(string scope)
    {
        var type = Unique("newsletter_opt_in");
        var rule = await Activate(EventRule(type, 100));
        var otherType = await Activate(EventRule(Unique("product_review"), 30));
        var member = await EnrolId();
        var client = scope == "admin" ? Admin : await App.ClientWithScope(scope);

        var answer = await Record(client, member, new { type, externalId = Unique("nl") });
        var entry = (await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]![0]!;

        Assert.Equal(type, (string?)answer["type"]);
        Assert.Equal(100, answer.Long("points"));
        var step = Assert.Single(answer["breakdown"]!.AsArray())!;
        Assert.Equal(rule, (string?)step["rule"]);
        Assert.Equal(1, step.Long("version"));
        Assert.Equal(100, step.Long("points"));
        Assert.True((bool)step["applied"]!);
        Assert.Null(Step(answer, otherType));
        Assert.Equal(100, answer.Long("balance.available"));
        Assert.Equal(0, answer.Long("balance.pending"));
        Assert.Equal(100, await Available(member));
        Assert.Equal(0, await Pending(member));
        Assert.Equal("event", (string?)entry["cause"]!["type"]);
        Assert.Equal((string?)answer["id"], (string?)entry["cause"]!["id"]);
        Assert.Equal(100, entry.Long("availableDelta"));
        Assert.Equal([$"{rule}@1"], entry["rules"]!.AsArray().Select(r => $"{r!["rule"]}@{r["version"]}"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task The_same_externalId_again_gets_the_first_answer_and_earns_once()
    {
        var type = Unique("product_review");
        await Activate(EventRule(type, 50));
        var member = await EnrolId();
        var app = await App.ClientWithScope("app");
        var body = new { type, externalId = Unique("review") };

        var first = await Send(app, member, body);
        var again = await Send(app, member, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(50, await Available(member));
        Assert.Single((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
    }

    [Fact]
    public async Task The_same_externalId_with_another_body_is_refused_and_changes_nothing()
    {
        var type = Unique("product_review");
        await Activate(EventRule(type, 50));
        var member = await EnrolId();
        var externalId = Unique("review");
        await Record(Admin, member, new { type, externalId });

        var response = await Send(Admin, member, new { type, externalId, occurredAt = App.Clock.GetUtcNow().UtcDateTime.AddHours(-1) });

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity, "external_id_reused");
        Assert.Contains(externalId, (string?)problem["detail"]);
        Assert.Equal(50, await Available(member));
    }

    [Fact]
    public async Task The_same_externalId_from_another_member_is_another_action()
    {
        var type = Unique("profile_completed");
        await Activate(EventRule(type, 30));
        var anna = await EnrolId();
        var ben = await EnrolId();

        var first = await Record(Admin, anna, new { type, externalId = "profile" });
        var second = await Record(Admin, ben, new { type, externalId = "profile" });

        Assert.NotEqual((string?)first["id"], (string?)second["id"]);
        Assert.Equal(30, await Available(anna));
        Assert.Equal(30, await Available(ben));
    }

    [Fact]
    public async Task Without_an_externalId_every_call_is_another_action()
    {
        var type = Unique("survey_answered");
        await Activate(EventRule(type, 20));
        var member = await EnrolId();

        var first = await Record(Admin, member, new { type });
        var second = await Record(Admin, member, new { type });

        Assert.NotEqual((string?)first["id"], (string?)second["id"]);
        Assert.Equal(40, await Available(member));
    }

    [Fact]
    public async Task An_action_limited_to_once_per_member_gives_nothing_the_second_time_and_says_why()
    {
        var type = Unique("newsletter_opt_in");
        var rule = await Activate(EventRule(type, 100, caps: new { timesPerMember = 1 }));
        var member = await EnrolId();
        var other = await EnrolId();

        var first = await Record(Admin, member, new { type, externalId = Unique("nl") });
        var second = await Record(Admin, member, new { type, externalId = Unique("nl") });
        var otherMember = await Record(Admin, other, new { type, externalId = Unique("nl") });

        Assert.Equal(100, first.Long("points"));
        Assert.Equal(0, second.Long("points"));
        AssertNotApplied(second, rule, "limit reached: 1 time(s) per member");
        Assert.Equal(100, second.Long("balance.available"));
        Assert.Equal(100, await Available(member));
        Assert.Single((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
        Assert.Equal(100, otherMember.Long("points"));
        await AssertLedgerVerifies();
    }

    [Fact]
    public async Task An_event_rule_checks_the_member_and_the_channel_like_a_purchase_rule()
    {
        var type = Unique("app_installed");
        var tag = Unique("beta");
        var rule = await Activate(EventRule(type, 70, conditions: [new { type = "channel", @in = new[] { "app" } }, new { type = "segment", any = new[] { tag } }]));
        var member = await EnrolId();
        var app = await App.ClientWithScope("app");

        var fromTill = await Record(await Till(), member, new { type });
        var untagged = await Record(app, member, new { type });
        await ChangeMember(member, new { tags = new[] { tag } });
        var tagged = await Record(app, member, new { type });

        AssertNotApplied(fromTill, rule, "channel is store, not app");
        AssertNotApplied(untagged, rule, $"member is in none of the segments {tag}");
        Assert.Equal(70, tagged.Long("points"));
        Assert.Equal(70, await Available(member));
    }

    [Fact]
    public async Task An_event_no_rule_rewards_is_recorded_with_no_points()
    {
        await Activate(EventRule(Unique("social_share"), 10));
        var member = await EnrolId();

        var answer = await Record(Admin, member, new { type = Unique("unrewarded"), externalId = Unique("x") });

        Assert.Equal(0, answer.Long("points"));
        Assert.Empty(answer["breakdown"]!.AsArray());
        Assert.Equal(0, await Available(member));
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_blocked_member_earns_nothing_for_an_action()
    {
        var type = Unique("newsletter_opt_in");
        await Activate(EventRule(type, 100));
        var member = await EnrolId();
        await ChangeMember(member, new { status = "blocked", blockedReason = "fraud check" });

        var response = await Send(Admin, member, new { type, externalId = Unique("nl") });

        await response.Problem(HttpStatusCode.UnprocessableEntity, "member_blocked");
        Assert.Equal(0, await Available(member));
    }

    [Fact]
    public async Task An_event_for_an_unknown_member_is_a_404()
    {
        var response = await Send(Admin, "mbr_doesnotexist00000000", new { type = "newsletter_opt_in" });

        await response.Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory]
    [InlineData("Newsletter Opt-In")]
    [InlineData("newsletter/opt_in")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("a_type_that_is_far_too_long_to_be_an_event_type_anyone_would_send_")]
    public async Task An_impossible_type_is_a_400_and_changes_nothing(string? type)
    {
        var member = await EnrolId();

        var response = await Send(Admin, member, new { type, externalId = Unique("x") });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["type"]);
        Assert.Empty((await Admin.GetJson($"/v1/members/{member}/ledger"))["items"]!.AsArray());
    }

    [Fact]
    public async Task An_action_in_the_future_is_a_400()
    {
        var member = await EnrolId();

        var response = await Send(Admin, member, new { type = "newsletter_opt_in", occurredAt = App.Clock.GetUtcNow().UtcDateTime.AddHours(1) });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["occurredAt"]);
    }
}

public sealed class MemberEventOnSqlite(SqliteApp app) : MemberEventSpec(app), IClassFixture<SqliteApp>;

public sealed class MemberEventOnPostgres(PostgresApp app) : MemberEventSpec(app), IClassFixture<PostgresApp>;
