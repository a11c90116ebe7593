using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Members;

public abstract class ProfileSpec(TreuApp app) : ApiSpec(app)
{
    private static string Email() => $"{Unique("profile")}@example.de";

    private static string CardNo() => $"2750{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";

    private static string[] Cards(JsonNode member) => member["cards"]!.AsArray().Select(c => (string)c!).ToArray();

    private async Task<JsonNode> EnrolFull(string? card = null) =>
        await (await Admin.Post("/v1/members", new
        {
            email = Email(),
            phone = $"+49 171 {Random.Shared.Next(10_000_000, 99_999_999)}",
            firstName = "Anna",
            lastName = "Schmidt",
            language = "de",
            cards = new[] { card ?? CardNo() },
            consents = new[] { new { purpose = "marketing_email", granted = true, textVersion = "2026-01" } },
        })).Json(HttpStatusCode.Created);

    [Fact]
    public async Task A_till_may_give_a_birth_date_once_but_only_an_admin_key_may_change_it()
    {
        var till = await Till();
        var id = (string)(await EnrolFull())["id"]!;

        var given = await (await till.Patch($"/v1/members/{id}", new { birthDate = "1990-04-12" })).Json(HttpStatusCode.OK);
        var sameAgain = await (await till.Patch($"/v1/members/{id}", new { birthDate = "1990-04-12" })).Json(HttpStatusCode.OK);
        var changed = await (await till.Patch($"/v1/members/{id}", new { birthDate = "1990-11-23", lastName = "Birthday" }))
            .Problem(HttpStatusCode.Forbidden, "forbidden_scope");

        Assert.Equal("1990-04-12", (string?)given["birthDate"]);
        Assert.Equal("1990-04-12", (string?)sameAgain["birthDate"]);
        Assert.NotNull(changed["errors"]!["birthDate"]);
        var unchanged = await Admin.GetJson($"/v1/members/{id}");
        Assert.Equal(("1990-04-12", "Schmidt"), ((string?)unchanged["birthDate"], (string?)unchanged["lastName"]));

        var corrected = await (await Admin.Patch($"/v1/members/{id}", new { birthDate = "1990-11-23" })).Json(HttpStatusCode.OK);
        Assert.Equal("1990-11-23", (string?)corrected["birthDate"]);
    }

    [Fact]
    public async Task Patching_one_field_changes_that_field_and_nothing_else()
    {
        var before = await EnrolFull();
        var id = (string)before["id"]!;

        var after = await (await (await Till()).Patch($"/v1/members/{id}", new { lastName = "Schmidt-Weber" })).Json(HttpStatusCode.OK);

        Assert.Equal("Schmidt-Weber", (string?)after["lastName"]);
        var expected = before.DeepClone();
        expected["lastName"] = "Schmidt-Weber";
        Assert.True(JsonNode.DeepEquals(expected, after), $"expected {expected.ToJsonString()}\nactual   {after.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(after, await Admin.GetJson($"/v1/members/{id}")), "GET does not show what PATCH answered");
    }

    [Fact]
    public async Task A_new_email_is_normalised_and_an_empty_string_clears_it()
    {
        var id = (string)(await EnrolFull())["id"]!;
        var local = Unique("New.Address");

        var changed = await (await Admin.Patch($"/v1/members/{id}", new { email = $" {local}@Example.de" })).Json(HttpStatusCode.OK);
        var cleared = await (await Admin.Patch($"/v1/members/{id}", new { email = "" })).Json(HttpStatusCode.OK);

        Assert.Equal($"{local.ToLowerInvariant()}@example.de", (string?)changed["email"]);
        Assert.Null((string?)cleared["email"]);
        Assert.NotNull((string?)cleared["phone"]);
    }

    [Fact]
    public async Task Cards_can_be_added_and_removed_and_look_up_follows()
    {
        var oldCard = CardNo();
        var newCard = CardNo();
        var id = (string)(await EnrolFull(oldCard))["id"]!;

        var after = await (await Admin.Patch($"/v1/members/{id}", new { addCards = new[] { newCard }, removeCards = new[] { oldCard } })).Json(HttpStatusCode.OK);

        Assert.Equal(new[] { newCard }, Cards(after));
        Assert.Equal(new[] { newCard }, Cards(await Admin.GetJson($"/v1/members/{id}")));
        Assert.Equal(id, (string?)(await Admin.GetJson($"/v1/members/lookup?card={newCard}"))["id"]);
        await (await Admin.GetAsync($"/v1/members/lookup?card={oldCard}", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task A_removed_card_can_be_given_to_another_member()
    {
        var card = CardNo();
        var first = (string)(await EnrolFull(card))["id"]!;
        var second = (string)(await EnrolFull())["id"]!;

        var refused = await Admin.Patch($"/v1/members/{second}", new { addCards = new[] { card } });
        await (await Admin.Patch($"/v1/members/{first}", new { removeCards = new[] { card } })).Json(HttpStatusCode.OK);
        var moved = await (await Admin.Patch($"/v1/members/{second}", new { addCards = new[] { card } })).Json(HttpStatusCode.OK);

        await refused.Problem(HttpStatusCode.Conflict, "card_taken");
        Assert.Contains(card, Cards(moved));
        Assert.Equal(second, (string?)(await Admin.GetJson($"/v1/members/lookup?card={card}"))["id"]);
    }

    [Fact]
    public async Task Taking_another_members_email_or_phone_is_a_409_and_changes_nothing()
    {
        var other = await EnrolFull();
        var member = await EnrolFull();
        var id = (string)member["id"]!;

        var email = await Admin.Patch($"/v1/members/{id}", new { email = ((string)other["email"]!).ToUpperInvariant(), firstName = "Changed" });
        var phone = await Admin.Patch($"/v1/members/{id}", new { phone = other["phone"]!.ToString(), firstName = "Changed" });

        await email.Problem(HttpStatusCode.Conflict, "email_taken");
        await phone.Problem(HttpStatusCode.Conflict, "phone_taken");
        Assert.True(JsonNode.DeepEquals(member, await Admin.GetJson($"/v1/members/{id}")), "a refused PATCH changed the member");
    }

    [Fact]
    public async Task Invalid_contact_details_in_a_patch_are_a_400_and_change_nothing()
    {
        var member = await EnrolFull();
        var id = (string)member["id"]!;

        var response = await Admin.Patch($"/v1/members/{id}", new { email = "nope", phone = "12", firstName = "Changed" });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.NotNull(problem["errors"]!["phone"]);
        Assert.True(JsonNode.DeepEquals(member, await Admin.GetJson($"/v1/members/{id}")), "a refused PATCH changed the member");
    }

    [Fact]
    public async Task A_member_keeps_at_least_one_way_to_be_identified()
    {
        var card = CardNo();
        var member = await (await Admin.Post("/v1/members", new { email = Email(), cards = new[] { card } })).Json(HttpStatusCode.Created);
        var id = (string)member["id"]!;

        var response = await Admin.Patch($"/v1/members/{id}", new { email = "", removeCards = new[] { card } });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.True(JsonNode.DeepEquals(member, await Admin.GetJson($"/v1/members/{id}")), "a refused PATCH changed the member");
    }

    [Fact]
    public async Task Withdrawing_a_consent_shows_it_withdrawn_and_keeps_the_history()
    {
        var id = (string)(await EnrolFull())["id"]!;
        var app = await App.ClientWithScope("app");
        App.Clock.Advance(TimeSpan.FromMinutes(1)); // the shopper changes their mind later, in the app

        var after = await (await app.Patch($"/v1/members/{id}", new
        {
            consents = new[] { new { purpose = "marketing_email", granted = false, textVersion = "2026-02" } },
        })).Json(HttpStatusCode.OK);

        var consent = after["consents"]!.AsArray().Single()!;
        Assert.Equal("marketing_email", (string?)consent["purpose"]);
        Assert.False((bool)consent["granted"]!);
        Assert.Equal("2026-02", (string?)consent["textVersion"]);
        Assert.Equal("app", (string?)consent["channel"]);
        Assert.True(JsonNode.DeepEquals(after, await Admin.GetJson($"/v1/members/{id}")), "GET does not show what PATCH answered");
        var history = await App.Db(db => db.Consents.Where(c => c.MemberId == id).OrderBy(c => c.Id).Select(c => c.Granted).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(new[] { true, false }, history);
    }

    [Fact]
    public async Task A_consent_without_text_version_or_answer_is_refused_field_by_field()
    {
        var id = (string)(await EnrolFull())["id"]!;

        var response = await Admin.PostRaw("/v1/members", """{"email":"x@example.de","consents":[{"purpose":"terms"}]}""");
        var patch = await Admin.Patch($"/v1/members/{id}", new { consents = new[] { new { purpose = "", granted = (bool?)true, textVersion = "v1" } } });

        var errors = (await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!;
        Assert.NotNull(errors["consents[0].textVersion"]);
        Assert.NotNull(errors["consents[0].granted"]);
        Assert.NotNull((await patch.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["consents[0].purpose"]);
    }

    [Fact]
    public async Task Only_an_admin_may_block_a_member()
    {
        var id = await EnrolId();
        var till = await Till();

        var status = await till.Patch($"/v1/members/{id}", new { status = "blocked" });
        var reason = await till.Patch($"/v1/members/{id}", new { blockedReason = "fraud" });

        await status.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await reason.Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        Assert.Equal("active", (string?)(await Admin.GetJson($"/v1/members/{id}"))["status"]);
    }

    [Fact]
    public async Task A_blocked_members_purchase_is_refused_and_unblocking_restores_it()
    {
        var id = await EnrolId();
        var till = await Till();

        var blocked = await (await Admin.Patch($"/v1/members/{id}", new { status = "blocked", blockedReason = "card reported stolen" })).Json(HttpStatusCode.OK);
        var refused = await till.Post("/v1/transactions", Basket(id, Unique("R"), [Line("A", 1, 10m)]));
        var unblocked = await (await Admin.Patch($"/v1/members/{id}", new { status = "active" })).Json(HttpStatusCode.OK);
        var purchase = await Purchase(till, id, [Line("A", 1, 10m)]);

        Assert.Equal("blocked", (string?)blocked["status"]);
        Assert.Equal("card reported stolen", (string?)blocked["blockedReason"]);
        await refused.Problem(HttpStatusCode.UnprocessableEntity, "member_blocked");
        Assert.Equal("active", (string?)unblocked["status"]);
        Assert.Null((string?)unblocked["blockedReason"]);
        Assert.Equal(10, purchase.Long("earned.points"));
        Assert.Equal(10, await Pending(id));
    }

    [Fact]
    public async Task An_unknown_status_is_a_400()
    {
        var id = await EnrolId();

        var response = await Admin.Patch($"/v1/members/{id}", new { status = "deleted" });

        Assert.NotNull((await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["status"]);
    }

    [Fact]
    public async Task A_consent_withdrawn_in_the_same_instant_it_was_given_shows_withdrawn()
    {
        var id = (string)(await EnrolFull())["id"]!;

        var after = await (await Admin.Patch($"/v1/members/{id}", new
        {
            consents = new[] { new { purpose = "marketing_email", granted = false, textVersion = "2026-02" } },
        })).Json(HttpStatusCode.OK);

        Assert.False((bool)after["consents"]![0]!["granted"]!);
        Assert.True(JsonNode.DeepEquals(after, await Admin.GetJson($"/v1/members/{id}")), "GET does not show what PATCH answered");
    }

    [Fact]
    public async Task Two_answers_for_one_purpose_in_one_request_are_refused()
    {
        var response = await Admin.Post("/v1/members", new
        {
            email = Email(),
            consents = new[]
            {
                new { purpose = "sms", granted = true, textVersion = "a" },
                new { purpose = "sms", granted = false, textVersion = "b" },
            },
        });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["consents[1].purpose"]);
    }

    [Fact]
    public async Task The_reason_of_a_block_can_be_corrected_but_an_active_member_has_none()
    {
        var id = (string)(await EnrolFull())["id"]!;
        await (await Admin.Patch($"/v1/members/{id}", new { status = "blocked", blockedReason = "A" })).Json(HttpStatusCode.OK);

        var corrected = await (await Admin.Patch($"/v1/members/{id}", new { blockedReason = "Card reported stolen" })).Json(HttpStatusCode.OK);
        var stillBlocked = await (await Admin.Patch($"/v1/members/{id}", new { firstName = "Anne" })).Json(HttpStatusCode.OK);
        var unblocked = await (await Admin.Patch($"/v1/members/{id}", new { status = "active" })).Json(HttpStatusCode.OK);
        var reasonForActive = await Admin.Patch($"/v1/members/{id}", new { blockedReason = "B" });

        Assert.Equal("Card reported stolen", (string?)corrected["blockedReason"]);
        Assert.Equal("Card reported stolen", (string?)stillBlocked["blockedReason"]);
        Assert.Null((string?)unblocked["blockedReason"]);
        await reasonForActive.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("active", (string?)(await Admin.GetJson($"/v1/members/{id}"))["status"]);
    }

    [Fact]
    public async Task An_empty_body_is_a_400_that_says_a_body_is_needed()
    {
        var id = (string)(await EnrolFull())["id"]!;

        var response = await Admin.PatchAsync($"/v1/members/{id}", new StringContent("", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await response.Problem(HttpStatusCode.BadRequest, "invalid_request");
        Assert.Contains("JSON", (string?)problem["detail"]);
    }
}

public sealed class ProfileOnSqlite(SqliteApp app) : ProfileSpec(app), IClassFixture<SqliteApp>;

public sealed class ProfileOnPostgres(PostgresApp app) : ProfileSpec(app), IClassFixture<PostgresApp>;
