using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Members;

namespace Treu.Api.Tests.Members;

public abstract class EnrolmentSpec(TreuApp app) : ApiSpec(app)
{
    private static string Email() => $"{Unique("enrol")}@example.de";

    /// <summary>A German mobile number nobody else in this database has: +49 170 and eight random digits, as a person writes it.</summary>
    private static string Mobile() => $"+49 170 {Random.Shared.Next(10_000_000, 99_999_999)}";

    private static string E164(string phone) => phone.Replace(" ", "", StringComparison.Ordinal);

    private static string CardNo() => $"2750{Random.Shared.NextInt64(100_000_000_000, 999_999_999_999)}";

    private Task<int> MembersWithEmail(string email) =>
        App.Db(db => db.Members.CountAsync(m => m.Email == email, TestContext.Current.CancellationToken));

    private Task<int> MembersWithPhone(string phone) =>
        App.Db(db => db.Members.CountAsync(m => m.Phone == phone, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_till_enrols_a_member_with_a_checked_member_number_normalised_contacts_and_consents_from_the_store()
    {
        var till = await Till("berlin-mitte");
        var local = Unique("Anna.Schmidt");
        var phone = Mobile();

        var response = await till.Post("/v1/members", new
        {
            email = $"  {local}@Example.DE ",
            phone,
            firstName = "Anna",
            lastName = "Schmidt",
            language = "de",
            cards = new[] { "2750-0012 3456" },
            consents = new[]
            {
                new { purpose = "terms", granted = true, textVersion = "2026-01" },
                new { purpose = "marketing_email", granted = false, textVersion = "2026-01" },
            },
        });

        var member = await response.Json(HttpStatusCode.Created);
        var number = (string)member["memberNumber"]!;
        Assert.Matches("^[0-9]{10}$", number);
        Assert.True(MemberNumber.IsValid(number), $"{number} does not end in its Luhn check digit");
        Assert.StartsWith("mbr_", (string?)member["id"]);
        Assert.Equal($"{local.ToLowerInvariant()}@example.de", (string?)member["email"]);
        Assert.Equal(E164(phone), (string?)member["phone"]);
        Assert.Equal("Anna", (string?)member["firstName"]);
        Assert.Equal("active", (string?)member["status"]);
        Assert.Equal(new[] { "275000123456" }, member["cards"]!.AsArray().Select(c => (string?)c));
        Assert.Equal("store", (string?)member["enrolledChannel"]);
        Assert.Equal("berlin-mitte", (string?)member["enrolledStoreId"]);
        var consents = member["consents"]!.AsArray();
        Assert.Equal(new[] { "marketing_email", "terms" }, consents.Select(c => (string?)c!["purpose"]));
        Assert.All(consents, c => Assert.Equal("store", (string?)c!["channel"]));
        Assert.All(consents, c => Assert.Equal("2026-01", (string?)c!["textVersion"]));
        Assert.False((bool)consents[0]!["granted"]!);
        Assert.True((bool)consents[1]!["granted"]!);
        Assert.Equal(0, member.Long("balance.available"));
        Assert.Equal(0, member.Long("balance.pending"));
    }

    [Fact]
    public async Task The_phone_number_from_the_brief_is_stored_as_plus_491701234567()
    {
        // The one literal number of the brief: it can exist once per database, so only this test uses it.
        var member = await (await Admin.Post("/v1/members", new { phone = "+49 170 1234567" })).Json(HttpStatusCode.Created);

        Assert.Equal("+491701234567", (string?)member["phone"]);
    }

    [Fact]
    public async Task Consents_record_the_channel_of_the_key_that_enrolled()
    {
        var channels = new Dictionary<string, string> { ["pos"] = "store", ["ecommerce"] = "webshop", ["app"] = "app", ["admin"] = "admin" };
        foreach (var (scope, channel) in channels)
        {
            var client = await App.ClientWithScope(scope);

            var member = await (await client.Post("/v1/members", new
            {
                email = Email(),
                consents = new[] { new { purpose = "marketing_email", granted = true, textVersion = "v7" } },
            })).Json(HttpStatusCode.Created);

            Assert.Equal(channel, (string?)member["enrolledChannel"]);
            Assert.Equal(channel, (string?)member["consents"]![0]!["channel"]);
            Assert.Equal("v7", (string?)member["consents"]![0]!["textVersion"]);
        }
    }

    [Fact]
    public async Task Reading_a_member_returns_what_enrolment_answered()
    {
        var enrolled = await (await Admin.Post("/v1/members", new
        {
            email = Email(),
            phone = Mobile(),
            firstName = "Jonas",
            lastName = "Weber",
            birthDate = "1990-04-01",
            language = "en",
            cards = new[] { CardNo() },
            consents = new[] { new { purpose = "terms", granted = true, textVersion = "2026-01" } },
        })).Json(HttpStatusCode.Created);

        var read = await (await Till()).GetJson($"/v1/members/{enrolled["id"]}");

        Assert.True(JsonNode.DeepEquals(enrolled, read), $"enrolled {enrolled.ToJsonString()}\nread     {read.ToJsonString()}");
        Assert.Equal("1990-04-01", (string?)read["birthDate"]);
        Assert.Equal("en", (string?)read["language"]);
    }

    [Fact]
    public async Task An_unknown_member_id_is_a_404_member_not_found()
    {
        await (await Admin.GetAsync("/v1/members/mbr_nobody000000000000", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.NotFound, "member_not_found");
        await (await Admin.Patch("/v1/members/mbr_nobody000000000000", new { firstName = "X" }))
            .Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("anna@")]
    [InlineData("anna@localhost")]
    [InlineData("Anna Schmidt <anna@example.de>")]
    public async Task An_invalid_email_is_a_400_naming_the_email_field_and_enrols_nobody(string email)
    {
        var lastName = Unique("Invalid");

        var response = await Admin.Post("/v1/members", new { email, lastName });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.Equal(0, await App.Db(db => db.Members.CountAsync(m => m.LastName == lastName, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("0170 1234567")]
    [InlineData("+49 170")]
    [InlineData("+0 170 1234567")]
    [InlineData("call me maybe")]
    public async Task An_invalid_phone_is_a_400_naming_the_phone_field(string phone)
    {
        var email = Email();

        var response = await Admin.Post("/v1/members", new { email, phone });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["phone"]);
        Assert.Null(problem["errors"]!["email"]);
        Assert.Equal(0, await MembersWithEmail(email));
    }

    [Fact]
    public async Task All_invalid_fields_are_named_at_once()
    {
        var response = await Admin.Post("/v1/members", new { email = "nope", phone = "nope", language = "fr", birthDate = "2999-01-01" });

        var errors = (await response.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!.AsObject();
        Assert.Equal(new[] { "birthDate", "email", "language", "phone" }, errors.Select(e => e.Key).Order());
    }

    [Fact]
    public async Task A_member_without_email_phone_or_card_is_refused()
    {
        var lastName = Unique("Nameless");

        var response = await Admin.Post("/v1/members", new { firstName = "Nobody", lastName });

        var problem = await response.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.Equal(0, await App.Db(db => db.Members.CountAsync(m => m.LastName == lastName, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task An_unknown_field_is_refused_as_malformed_rather_than_ignored()
    {
        var email = Email();

        var response = await Admin.PostRaw("/v1/members", $$"""{"email":"{{email}}","nickname":"Annie"}""");

        await response.Problem(HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(0, await MembersWithEmail(email));
    }

    [Fact]
    public async Task An_email_already_in_use_in_any_case_is_a_409_and_enrols_nobody()
    {
        var email = Email();
        await Enrol(email: email);
        var otherPhone = Mobile();

        var response = await Admin.Post("/v1/members", new { email = email.ToUpperInvariant(), phone = otherPhone });

        var problem = await response.Problem(HttpStatusCode.Conflict, "email_taken");
        Assert.NotNull(problem["errors"]!["email"]);
        Assert.Equal(1, await MembersWithEmail(email));
        Assert.Equal(0, await MembersWithPhone(E164(otherPhone)));
    }

    [Fact]
    public async Task A_phone_already_in_use_in_any_formatting_is_a_409_and_enrols_nobody()
    {
        var phone = Mobile();
        await (await Admin.Post("/v1/members", new { phone })).Json(HttpStatusCode.Created);
        var email = Email();

        var response = await Admin.Post("/v1/members", new { email, phone = $"0049 (170) {phone[8..12]}-{phone[12..]}" });

        var problem = await response.Problem(HttpStatusCode.Conflict, "phone_taken");
        Assert.NotNull(problem["errors"]!["phone"]);
        Assert.Equal(0, await MembersWithEmail(email));
        Assert.Equal(1, await MembersWithPhone(E164(phone)));
    }

    [Fact]
    public async Task A_card_already_registered_is_a_409_and_enrols_nobody()
    {
        var card = CardNo();
        await (await Admin.Post("/v1/members", new { email = Email(), cards = new[] { card } })).Json(HttpStatusCode.Created);
        var email = Email();

        var response = await Admin.Post("/v1/members", new { email, cards = new[] { CardNo(), card } });

        var problem = await response.Problem(HttpStatusCode.Conflict, "card_taken");
        Assert.NotNull(problem["errors"]!["cards"]);
        Assert.Equal(0, await MembersWithEmail(email));
        Assert.Equal(1, await App.Db(db => db.MemberCards.CountAsync(c => c.Number == card, TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Enrolling_twice_with_the_same_idempotency_key_answers_the_same_bytes_and_enrols_once()
    {
        var email = Email();
        var key = Unique("enrol-key");
        var body = new { email, firstName = "Retry" };

        var first = await Admin.Post("/v1/members", body, key);
        var again = await Admin.Post("/v1/members", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var firstBody = await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(firstBody, await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await MembersWithEmail(email));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_another_enrolment_is_a_422_and_enrols_nobody_new()
    {
        var key = Unique("enrol-key");
        var email = Email();
        var other = Email();
        await (await Admin.Post("/v1/members", new { email }, key)).Json(HttpStatusCode.Created);

        var response = await Admin.Post("/v1/members", new { email = other }, key);

        var problem = await response.Problem(HttpStatusCode.UnprocessableEntity, "idempotency_key_reused");
        Assert.Contains(key, (string?)problem["detail"]);
        Assert.Equal(0, await MembersWithEmail(other));
        Assert.Equal(1, await MembersWithEmail(email));
    }

    [Fact]
    public async Task The_same_email_enrolled_at_several_tills_at_once_makes_one_member()
    {
        var email = Email();
        var tills = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Till()));

        var responses = await Task.WhenAll(tills.Select(t => t.Post("/v1/members", new { email })));

        var statuses = responses.Select(r => (int)r.StatusCode).ToArray();
        Assert.Equal(1, statuses.Count(s => s == 201));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await refused.Json(HttpStatusCode.Conflict);
            Assert.Contains((string?)problem["code"], new[] { "email_taken", "concurrent_conflict" });
        }

        Assert.Equal(1, await MembersWithEmail(email));
    }

    [Fact]
    public async Task Racing_retries_of_one_enrolment_make_one_member_and_never_a_different_answer()
    {
        var email = Email();
        var key = Unique("race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Admin.Post("/v1/members", new { email }, key)));

        var created = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToArray();
        Assert.NotEmpty(created);
        var bodies = await Task.WhenAll(created.Select(r => r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Single(bodies.Distinct());
        foreach (var busy in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await busy.Problem(HttpStatusCode.Conflict, "idempotency_in_progress");
        }

        Assert.Equal(1, await MembersWithEmail(email));
    }

    [Fact]
    public async Task A_store_bound_till_enrols_for_its_own_store_only()
    {
        var till = await Till("hamburg");

        var own = await (await till.Post("/v1/members", new { email = Email() })).Json(HttpStatusCode.Created);
        var elsewhere = Email();
        var refused = await till.Post("/v1/members", new { email = elsewhere, storeId = "munich" });

        Assert.Equal("hamburg", (string?)own["enrolledStoreId"]);
        await refused.Problem(HttpStatusCode.Forbidden, "store_not_allowed");
        Assert.Equal(0, await MembersWithEmail(elsewhere));
    }

    [Fact]
    public async Task A_till_may_not_enrol_in_another_channels_name_but_an_admin_may()
    {
        var till = await Till();
        var email = Email();

        var refused = await till.Post("/v1/members", new { email, channel = "webshop" });
        var imported = await (await Admin.Post("/v1/members", new { email = Email(), channel = "import" })).Json(HttpStatusCode.Created);

        await refused.Problem(HttpStatusCode.Forbidden, "channel_not_allowed");
        Assert.Equal(0, await MembersWithEmail(email));
        Assert.Equal("import", (string?)imported["enrolledChannel"]);
    }
}

public sealed class EnrolmentOnSqlite(SqliteApp app) : EnrolmentSpec(app), IClassFixture<SqliteApp>;

public sealed class EnrolmentOnPostgres(PostgresApp app) : EnrolmentSpec(app), IClassFixture<PostgresApp>;
