using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Members;

namespace Treu.Api.Tests.Members;

/// <summary>How a till finds the shopper in front of it: by what the shopper says, shows or types.</summary>
public abstract class LookupSpec(TreuApp app) : ApiSpec(app)
{
    private static string Email() => $"{Unique("lookup")}@example.de";

    private async Task<HttpResponseMessage> Find(HttpClient client, string query) =>
        await client.GetAsync($"/v1/members/lookup?{query}", TestContext.Current.CancellationToken);

    private async Task<string> Found(HttpClient client, string query) =>
        (string)(await (await Find(client, query)).Json(HttpStatusCode.OK))["id"]!;

    private async Task NotFound(HttpClient client, string query) =>
        await (await Find(client, query)).Problem(HttpStatusCode.NotFound, "member_not_found");

    private async Task<string> QrToken(string memberId, HttpClient? client = null) =>
        (string)(await (client ?? Admin).GetJson($"/v1/members/{memberId}/qr-token"))["token"]!;

    /// <summary>A wrong check digit for a valid number: every other last digit fails the Luhn check.</summary>
    private static string WithWrongCheckDigit(string number) => number[..^1] + (char)('0' + (number[^1] - '0' + 1) % 10);

    [Fact]
    public async Task A_member_is_found_by_email_in_any_case_and_with_stray_spaces()
    {
        var email = Email();
        var id = (string)(await Enrol(email: email))["id"]!;
        var till = await Till();

        Assert.Equal(id, await Found(till, $"email={Uri.EscapeDataString(email)}"));
        Assert.Equal(id, await Found(till, $"email={Uri.EscapeDataString($"  {email.ToUpperInvariant()} ")}"));
        await NotFound(till, $"email={Uri.EscapeDataString(Email())}");
    }

    [Fact]
    public async Task A_member_is_found_by_phone_however_it_is_written()
    {
        var digits = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var id = (string)(await (await Admin.Post("/v1/members", new { phone = $"+49 172 {digits}" })).Json(HttpStatusCode.Created))["id"]!;
        var till = await Till();

        foreach (var written in new[] { $"+49172{digits}", $"+49 (172) {digits[..4]}-{digits[4..]}", $"0049 172 {digits}", $"+49.172.{digits}" })
        {
            Assert.Equal(id, await Found(till, $"phone={Uri.EscapeDataString(written)}"));
        }

        await NotFound(till, $"phone={Uri.EscapeDataString("+49 172 00000001")}");
    }

    [Fact]
    public async Task A_member_is_found_by_card_as_printed_or_typed()
    {
        var card = $"AB{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var id = (string)(await (await Admin.Post("/v1/members", new { email = Email(), cards = new[] { card } })).Json(HttpStatusCode.Created))["id"]!;
        var till = await Till();

        Assert.Equal(id, await Found(till, $"card={card}"));
        Assert.Equal(id, await Found(till, $"card={Uri.EscapeDataString($"{card[..6].ToLowerInvariant()} {card[6..]}")}"));
        await NotFound(till, "card=ZZ0000000000");
    }

    [Fact]
    public async Task A_member_is_found_by_member_number_and_a_mistyped_check_digit_is_a_400()
    {
        var member = await Enrol();
        var number = (string)member["memberNumber"]!;
        var till = await Till();

        Assert.Equal((string)member["id"]!, await Found(till, $"number={number}"));
        var typo = await Find(till, $"number={WithWrongCheckDigit(number)}");
        var problem = await typo.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["number"]);
        await (await Find(till, "number=12345")).Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task A_valid_member_number_that_nobody_has_is_a_404()
    {
        var till = await Till();
        string number;
        do
        {
            number = MemberNumber.New();
        }
        while ((await Find(till, $"number={number}")).StatusCode == HttpStatusCode.OK);

        await NotFound(till, $"number={number}");
    }

    [Fact]
    public async Task A_look_up_needs_exactly_one_identifier()
    {
        var email = Email();
        await Enrol(email: email);
        var till = await Till();

        await (await Find(till, "")).Problem(HttpStatusCode.BadRequest, "validation_failed");
        await (await Find(till, $"email={Uri.EscapeDataString(email)}&card=AB12345678")).Problem(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task The_wallet_qr_code_identifies_the_member_at_the_till()
    {
        var id = await EnrolId();
        var app = await App.ClientWithScope("app");
        var issued = await app.GetJson($"/v1/members/{id}/qr-token");

        var found = await Found(await Till(), $"qr={Uri.EscapeDataString((string)issued["token"]!)}");

        Assert.Equal(id, found);
        var expires = DateTime.Parse((string)issued["expiresAt"]!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime.AddMinutes(5), expires, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_qr_code_stops_working_after_five_minutes()
    {
        var id = await EnrolId();
        var token = Uri.EscapeDataString(await QrToken(id));
        var till = await Till();

        App.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        Assert.Equal(id, await Found(till, $"qr={token}"));
        App.Clock.Advance(TimeSpan.FromSeconds(2));
        await NotFound(till, $"qr={token}");
        Assert.Equal(id, await Found(till, $"qr={Uri.EscapeDataString(await QrToken(id))}"));
    }

    [Fact]
    public async Task A_tampered_qr_code_identifies_nobody()
    {
        var victim = await EnrolId();
        var attacker = await EnrolId();
        var till = await Till();
        var token = await QrToken(attacker);
        var parts = token.Split('.');

        var otherMember = $"{victim}.{parts[1]}.{parts[2]}";
        var laterExpiry = $"{parts[0]}.{long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86_400}.{parts[2]}";
        var flippedSignature = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";

        foreach (var forged in new[] { otherMember, laterExpiry, flippedSignature, "garbage", new string('x', 300) })
        {
            await NotFound(till, $"qr={Uri.EscapeDataString(forged)}");
        }

        Assert.Equal(attacker, await Found(till, $"qr={Uri.EscapeDataString(token)}"));
    }

    [Fact]
    public async Task Only_the_app_and_an_admin_may_issue_a_qr_code()
    {
        var id = await EnrolId();

        await (await (await Till()).GetAsync($"/v1/members/{id}/qr-token", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await (await App.ClientWithScope("ecommerce")).GetAsync($"/v1/members/{id}/qr-token", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.Forbidden, "forbidden_scope");
        await (await (await App.ClientWithScope("app")).GetAsync("/v1/members/mbr_nobody000000000000/qr-token", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.NotFound, "member_not_found");
    }

    [Fact]
    public async Task Every_way_of_looking_up_answers_the_same_member_view()
    {
        var card = $"CD{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        var phone = $"+49 173 {Random.Shared.Next(10_000_000, 99_999_999)}";
        var member = await (await Admin.Post("/v1/members", new { email = Email(), phone, cards = new[] { card } })).Json(HttpStatusCode.Created);
        var id = (string)member["id"]!;
        var till = await Till();

        var views = new[]
        {
            await till.GetJson($"/v1/members/{id}"),
            await till.GetJson($"/v1/members/lookup?email={Uri.EscapeDataString((string)member["email"]!)}"),
            await till.GetJson($"/v1/members/lookup?phone={Uri.EscapeDataString(phone)}"),
            await till.GetJson($"/v1/members/lookup?card={card}"),
            await till.GetJson($"/v1/members/lookup?number={member["memberNumber"]}"),
            await till.GetJson($"/v1/members/lookup?qr={Uri.EscapeDataString(await QrToken(id))}"),
        };

        Assert.All(views, v => Assert.True(JsonNode.DeepEquals(member, v), $"expected {member.ToJsonString()}\nactual   {v.ToJsonString()}"));
    }

    [Theory]
    [InlineData("email=", "email")]
    [InlineData("email=not-an-address", "email")]
    [InlineData("phone=0170%20123", "phone")]
    [InlineData("card=%21%21", "card")]
    [InlineData("number=", "number")]
    [InlineData("number=12ab", "number")]
    [InlineData("qr=", "qr")]
    public async Task A_malformed_identifier_is_a_400_naming_the_field(string query, string field)
    {
        var till = await App.ClientWithScope("pos");

        var problem = await (await Find(till, query)).Problem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.NotNull(problem["errors"]![field]);
    }
}

public sealed class LookupOnSqlite(SqliteApp app) : LookupSpec(app), IClassFixture<SqliteApp>;

public sealed class LookupOnPostgres(PostgresApp app) : LookupSpec(app), IClassFixture<PostgresApp>;
