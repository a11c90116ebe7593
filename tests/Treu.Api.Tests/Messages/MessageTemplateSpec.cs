using System.Net;
using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;
using Treu.Api.Tests.Rewards;

namespace Treu.Api.Tests.Messages;

/// <summary>
/// E-mail templates as the loyalty manager writes them: Liquid in German and English, refused on save when a part does not
/// parse (with the line and column), and previewed with a member's own figures or a sample's.
/// </summary>
public abstract class MessageTemplateSpec(TreuApp app) : CatalogueSpec(app)
{
    private static object Parts(string subject, string html, string text) => new { subject, html, text };

    private async Task<string> Save(object? de, object? en, string? id = null) =>
        (string)(await (await Admin.Post("/v1/admin/message-templates", new { id = id ?? Unique("tpl"), name = "Balance", de, en })).Json(HttpStatusCode.Created))["id"]!;

    private async Task<JsonNode> Preview(string template, object body) =>
        await (await Admin.Post($"/v1/admin/message-templates/{template}/preview", body)).Json(HttpStatusCode.OK);

    [Fact]
    public async Task A_preview_for_a_member_speaks_of_their_points_the_reward_they_can_have_and_their_voucher_in_their_language()
    {
        var reward = await OfferFiveEuros();
        var member = await EnrolId();
        (await Admin.Patch($"/v1/members/{member}", new { firstName = "Tom & Jerry", language = "en" })).EnsureSuccessStatusCode();
        await Credit(member, 1200);
        var code = (string)(await Redeem(member, reward))["voucher"]!["code"]!;
        var template = await Save(
            Parts("Hallo {{ member.first_name }}", "<p>{{ points.available }} Punkte</p>", "{{ points.available }} Punkte"),
            Parts("Hello {{ member.first_name }}",
                "<p>{{ member.first_name }}: {{ points.available }} {{ points.name }}, {{ expiring.points }} expire. {{ reward.name }} for {{ reward.points }}. "
                + "Your code {{ voucher.code }}<img src=\"{{ voucher.code | qr_code }}\"></p>",
                "{{ member.first_name }}: {{ points.available }} {{ points.name }}. Your code {{ voucher.code }}"));

        var rendered = await Preview(template, new { memberId = member });

        Assert.Equal("en", (string?)rendered["language"]);
        Assert.Equal("Hello Tom & Jerry", (string?)rendered["subject"]);
        var html = (string)rendered["html"]!;
        Assert.StartsWith($"<p>Tom &amp; Jerry: 700 points, 700 expire. €5 voucher for 500. Your code {code}<img src=\"data:image/png;base64,", html);
        Assert.Equal($"Tom & Jerry: 700 points. Your code {code}", (string?)rendered["text"]);
        var german = await Preview(template, new { memberId = member, language = "de" });
        Assert.Equal(("de", "Hallo Tom & Jerry", "700 Punkte"), ((string?)german["language"], (string?)german["subject"], (string?)german["text"]));
    }

    [Fact]
    public async Task A_template_that_does_not_parse_is_refused_with_its_part_line_and_column_and_nothing_is_saved()
    {
        var id = Unique("tpl");

        var refused = await (await Admin.Post("/v1/admin/message-templates", new
        {
            id,
            name = "Broken",
            de = Parts("Hallo", "<p>Hallo\n{{ member.first_name </p>", "Hallo"),
        })).Problem(HttpStatusCode.BadRequest, "validation_failed");

        var error = (string)refused["errors"]!["de.html"]![0]!;
        Assert.StartsWith("line 2, column", error);
        Assert.Null(refused["errors"]!["de.subject"]);
        await (await Admin.GetAsync($"/v1/admin/message-templates/{id}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "template_not_found");
    }

    [Fact]
    public async Task A_template_without_a_part_or_a_language_is_refused_by_field()
    {
        var none = await (await Admin.Post("/v1/admin/message-templates", new { name = "Empty" })).Problem(HttpStatusCode.BadRequest, "validation_failed");
        var partial = await (await Admin.Post("/v1/admin/message-templates", new { name = "No text", en = new { subject = "Hi", html = "<p>Hi</p>" } }))
            .Problem(HttpStatusCode.BadRequest, "validation_failed");

        Assert.NotNull(none["errors"]!["de"]);
        Assert.NotNull(partial["errors"]!["en.text"]);
    }

    [Fact]
    public async Task A_sample_preview_fills_every_token_and_a_missing_language_renders_the_other()
    {
        var template = await Save(null, Parts("{{ member.first_name }}, {{ tier.missing }} to {{ tier.next }}",
            "<p>{{ expiring.points }} on {{ expiring.date | date: '%Y' }}</p>", "{{ voucher.code }} {{ program.colour }}"));

        var rendered = await Preview(template, new { language = "de" });

        Assert.Equal(("en", (string?)null), ((string?)rendered["language"], (string?)rendered["memberId"]));
        Assert.Equal("Anna, 550 more points to Gold", (string?)rendered["subject"]);
        Assert.Matches(@"^<p>300 on \d{4}</p>$", (string)rendered["html"]!);
        Assert.StartsWith("TREU-K7QM-4XW2-P9HC #", (string)rendered["text"]!);
    }

    [Fact]
    public async Task A_template_is_replaced_whole_and_an_id_is_taken_once()
    {
        var id = await Save(Parts("Alt", "<p>Alt</p>", "Alt"), null);

        var replaced = await (await Admin.Put($"/v1/admin/message-templates/{id}", new { name = "New", en = Parts("New", "<p>New</p>", "New") })).Json(HttpStatusCode.OK);
        var again = await Admin.Post("/v1/admin/message-templates", new { id, name = "Twice", de = Parts("A", "<p>A</p>", "A") });

        Assert.Null(replaced["de"]);
        Assert.Equal("New", (string?)(await Admin.GetJson($"/v1/admin/message-templates/{id}"))["en"]!["subject"]);
        await again.Problem(HttpStatusCode.Conflict, "template_exists");
        await (await Admin.Post("/v1/admin/message-templates/no-such/preview", new { })).Problem(HttpStatusCode.NotFound, "template_not_found");
    }
}

public sealed class MessageTemplateOnSqlite(SqliteApp app) : MessageTemplateSpec(app), IClassFixture<SqliteApp>;

public sealed class MessageTemplateOnPostgres(PostgresApp app) : MessageTemplateSpec(app), IClassFixture<PostgresApp>;
