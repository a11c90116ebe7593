using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Hosting;

/// <summary>
/// A body the API cannot read is refused in the API's words: a value of the wrong JSON type is a
/// <c>validation_failed</c> naming the field's path, a body that is not JSON is <c>malformed_json</c>, a key sent twice
/// is refused rather than the last one winning, and no answer names a .NET type.
/// </summary>
public abstract class JsonBodySpec(TreuApp app) : ApiSpec(app)
{
    private static void AssertNoDotNetNames(string text)
    {
        foreach (var leak in new[] { "Treu.", "System.", "Nullable", "Microsoft.", "`1", ".NET" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    private static async Task<JsonNode> Refused(HttpResponseMessage response, string code)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        AssertNoDotNetNames(text);
        return await response.Problem(HttpStatusCode.BadRequest, code);
    }

    [Theory]
    [InlineData("/v1/members", """{"email":"{email}","firstName":12}""", "firstName", "must be a string")]
    [InlineData("/v1/members", """{"email":"{email}","cards":"2750001234567"}""", "cards", "must be an array")]
    [InlineData("/v1/members", """{"email":"{email}","cards":[2750001234567]}""", "cards[0]", "must be a string")]
    [InlineData("/v1/members", """{"email":"{email}","birthDate":"17.05.1980"}""", "birthDate", "must be a date (YYYY-MM-DD)")]
    [InlineData("/v1/members", """{"email":"{email}","consents":[{"purpose":"terms","granted":"yes","textVersion":"v1"}]}""", "consents[0].granted", "must be true or false")]
    [InlineData("/v1/members", """{"email":"{email}","consents":{"purpose":"terms"}}""", "consents", "must be an array")]
    [InlineData("/v1/members", """{"email":"{email}","consents":["terms"]}""", "consents[0]", "must be an object")]
    [InlineData("/v1/members", """{"email":"{email}","firstName":"\ud800"}""", "firstName", "must be valid Unicode text")]
    public async Task A_value_of_the_wrong_type_in_an_enrolment_is_a_validation_failure_naming_its_path(string url, string body, string field, string message)
    {
        var email = $"{Unique("type")}@example.de";

        var response = await Admin.PostRaw(url, body.Replace("{email}", email, StringComparison.Ordinal));

        var problem = await Refused(response, "validation_failed");
        Assert.Equal([message], problem["errors"]![field]!.AsArray().Select(m => (string?)m));
        Assert.Equal(0, await App.Db(db => db.Members.CountAsync(m => m.Email == email, TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("""{"quantity":"2"}""", "lines[0].quantity", "must be a number")]
    [InlineData("""{"unitPrice":true}""", "lines[0].unitPrice", "must be a number")]
    [InlineData("""{"unitPrice":1e400}""", "lines[0].unitPrice", "must be a number")]
    [InlineData("""{"sku":4006381333931}""", "lines[0].sku", "must be a string")]
    public async Task A_value_of_the_wrong_type_in_a_basket_line_is_refused_naming_the_line(string change, string field, string message)
    {
        var member = await EnrolId();
        var line = JsonNode.Parse("""{"sku":"A","quantity":1,"unitPrice":10}""")!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject())
        {
            line[name] = value?.DeepClone();
        }

        var body = new JsonObject { ["memberId"] = member, ["externalId"] = Unique("R"), ["currency"] = "EUR", ["lines"] = new JsonArray(line) };
        var response = await Admin.PostRaw("/v1/transactions", body.ToJsonString());

        var problem = await Refused(response, "validation_failed");
        Assert.Equal([message], problem["errors"]![field]!.AsArray().Select(m => (string?)m));
        Assert.Equal(0, await Pending(member));
    }

    [Fact]
    public async Task Points_must_be_whole_and_times_must_be_times()
    {
        var member = await EnrolId();

        var fraction = await Admin.PostRaw($"/v1/members/{member}/adjustments", """{"points":1.5,"reason":"half"}""");
        var huge = await Admin.PostRaw($"/v1/members/{member}/adjustments", """{"points":9223372036854775808,"reason":"huge"}""");
        var time = await Admin.PostRaw("/v1/transactions",
            $$"""{"memberId":"{{member}}","externalId":"{{Unique("R")}}","currency":"EUR","occurredAt":"2026-13-45","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""");

        Assert.Equal("must be a whole number", (string?)(await Refused(fraction, "validation_failed"))["errors"]!["points"]![0]);
        Assert.Equal("must be a whole number", (string?)(await Refused(huge, "validation_failed"))["errors"]!["points"]![0]);
        Assert.Contains("ISO 8601", (string?)(await Refused(time, "validation_failed"))["errors"]!["occurredAt"]![0]);
        Assert.Equal(0, await Available(member));
    }

    [Fact]
    public async Task A_wrong_type_inside_a_rule_condition_names_the_condition_field()
    {
        var response = await Admin.PostRaw("/v1/admin/rules",
            $$$"""
            {"id":"{{{Unique("typed")}}}",
             "definition":{"name":"Birthday","conditions":[{"type":"birthday","withinDays":"seven"}],"effects":[{"type":"bonus","points":5}]}}
            """);

        var problem = await Refused(response, "validation_failed");
        Assert.Equal("must be a whole number", (string?)problem["errors"]!["definition.conditions[0].withinDays"]![0]);
    }

    [Theory]
    [InlineData("""{"email":"a@example.de","firstName":"Ann""", "end of data")]
    [InlineData("""{"email":"a@example.de",}""", "")]
    [InlineData("""{"email": /* who */ "a@example.de"}""", "")]
    [InlineData("""{"email":"a@example.de"} trailing""", "")]
    public async Task A_body_that_is_not_json_is_malformed_json_in_the_apis_words(string body, string mentions)
    {
        var response = await Admin.PostRaw("/v1/members", body);

        var problem = await Refused(response, "malformed_json");
        Assert.Contains(mentions, (string?)problem["detail"]);
        Assert.Contains("line", (string?)problem["detail"], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public async Task A_body_that_is_json_but_no_object_says_an_object_is_needed(string body)
    {
        var response = await Admin.PostRaw("/v1/members", body);

        var problem = await Refused(response, "invalid_request");
        Assert.Contains("JSON object", (string?)problem["detail"]);
    }

    [Fact]
    public async Task An_unknown_field_is_named_by_its_path_without_dotnet_names()
    {
        var member = await EnrolId();

        var response = await Admin.PostRaw("/v1/transactions",
            $$"""{"memberId":"{{member}}","externalId":"X","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10,"colour":"red"}]}""");

        var problem = await Refused(response, "malformed_json");
        Assert.Contains("lines[0].colour", (string?)problem["detail"]);
        Assert.NotNull(problem["errors"]!["lines[0].colour"]);
    }

    [Fact]
    public async Task A_rule_effect_of_an_unknown_or_missing_type_names_the_known_types()
    {
        var unknown = await Admin.PostRaw("/v1/admin/rules", $$$"""{"id":"{{{Unique("t")}}}","definition":{"name":"X","effects":[{"type":"triple","factor":3}]}}""");
        var missing = await Admin.PostRaw("/v1/admin/rules", $$$"""{"id":"{{{Unique("t")}}}","definition":{"name":"X","effects":[{"factor":3}]}}""");

        var unknownProblem = await Refused(unknown, "malformed_json");
        var missingProblem = await Refused(missing, "malformed_json");
        Assert.Contains("multiplier", (string?)unknownProblem["errors"]!["definition.effects[0].type"]![0]);
        Assert.Contains("multiplier", (string?)missingProblem["errors"]!["definition.effects[0].type"]![0]);
    }

    [Theory]
    [InlineData("""{"memberId":"{member}","memberId":"{other}","externalId":"{receipt}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10}]}""", "memberId")]
    [InlineData("""{"memberId":"{member}","externalId":"{receipt}","currency":"EUR","lines":[{"sku":"A","quantity":1,"quantity":100,"unitPrice":10}]}""", "lines[0].quantity")]
    [InlineData("""{"memberId":"{member}","externalId":"{receipt}","externalId":"{receipt}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10}]}""", "externalId")]
    public async Task A_key_sent_twice_is_refused_naming_it_rather_than_the_last_one_winning(string body, string field)
    {
        var member = await EnrolId();
        var other = await EnrolId();
        var receipt = Unique("R");

        var response = await Admin.PostRaw("/v1/transactions", body.Replace("{member}", member).Replace("{other}", other).Replace("{receipt}", receipt));

        var problem = await Refused(response, "validation_failed");
        Assert.Contains("more than once", (string?)problem["errors"]![field]![0]);
        Assert.Equal(0, await Pending(member));
        Assert.Equal(0, await Pending(other));
    }

    [Fact]
    public async Task An_attribute_sent_twice_is_refused_and_the_member_keeps_what_it_had()
    {
        var id = await EnrolId();

        var patch = await Admin.PatchAsync($"/v1/members/{id}", new StringContent("""{"attributes":{"size":"M","size":"XL"}}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        var problem = await Refused(patch, "validation_failed");
        Assert.NotNull(problem["errors"]!["attributes.size"]);
        Assert.Empty((await Admin.GetJson($"/v1/members/{id}"))["attributes"]!.AsObject());
    }
}

public sealed class JsonBodyOnSqlite(SqliteApp app) : JsonBodySpec(app), IClassFixture<SqliteApp>;

public sealed class JsonBodyOnPostgres(PostgresApp app) : JsonBodySpec(app), IClassFixture<PostgresApp>;
