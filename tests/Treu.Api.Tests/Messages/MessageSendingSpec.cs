using System.Net;
using System.Text.Json.Nodes;
using MimeKit;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Messages;

/// <summary>
/// E-mail as the member gets it: sent through a real SMTP server started by the test (<see cref="MailCatcher"/>) and read
/// back — both parts, the one-click unsubscribe headers of RFC 8058 — and the unsubscribe link used as a mail program uses it.
/// </summary>
public abstract class MessageSendingSpec(TreuApp app) : ApiSpec(app)
{
    private static object Parts(string subject, string html, string text) => new { subject, html, text };

    private async Task<string> Template() =>
        (string)(await (await Admin.Post("/v1/admin/message-templates", new
        {
            id = Unique("tpl"),
            name = "Balance",
            de = Parts("Hallo {{ member.first_name }}", "<p>{{ points.available }} Punkte</p>", "{{ points.available }} Punkte"),
            en = Parts("Hello {{ member.first_name }}", "<p>{{ points.available }} points</p>", "{{ points.available }} points"),
        })).Json(HttpStatusCode.Created))["id"]!;

    private async Task<(string Id, string Email)> Member(bool marketing, string language = "en")
    {
        var email = $"{Unique("mail")}@example.de";
        var member = await (await Admin.Post("/v1/members", new
        {
            email,
            firstName = "Anna",
            language,
            consents = new[] { new { purpose = "marketing_email", granted = marketing, textVersion = "2026-01" } },
        })).Json(HttpStatusCode.Created);
        return ((string)member["id"]!, email);
    }

    private Task<HttpResponseMessage> Send(string template, string member, bool? transactional = null) =>
        Admin.Post($"/v1/admin/message-templates/{template}/send", new { memberId = member, transactional });

    private static async Task<HttpResponseMessage> OneClick(HttpClient client, MimeMessage mail)
    {
        var link = (mail.Headers["List-Unsubscribe"] ?? "").Trim('<', '>');
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]);
        return await client.PostAsync(new Uri(link).PathAndQuery, form, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_marketing_email_arrives_with_html_and_text_in_the_members_language_and_a_one_click_unsubscribe()
    {
        var template = await Template();
        var (member, email) = await Member(marketing: true);
        await Credit(member, 120);

        var sent = await (await Send(template, member)).Json(HttpStatusCode.OK);

        var mail = Assert.Single(App.Mail.To(email));
        Assert.Equal("Hello Anna", mail.Subject);
        Assert.Equal("<p>120 points</p>", mail.HtmlBody);
        Assert.Equal("120 points", mail.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.Matches("^<http://[^>]+/v1/unsubscribe\\?token=[^>]+>$", mail.Headers["List-Unsubscribe"]);
        Assert.Equal(mail.MessageId, (string?)sent["messageId"]);
        Assert.False((bool)sent["transactional"]!);
    }

    [Fact]
    public async Task One_click_unsubscribe_withdraws_the_consent_stops_marketing_but_not_transactional_mail()
    {
        var template = await Template();
        var (member, email) = await Member(marketing: true);
        (await Send(template, member)).EnsureSuccessStatusCode();
        var mail = Assert.Single(App.Mail.To(email));

        var unsubscribed = await OneClick(App.Anonymous, mail);
        var again = await OneClick(App.Anonymous, mail);

        Assert.Equal(HttpStatusCode.NoContent, unsubscribed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        var consents = (await Admin.GetJson($"/v1/members/{member}"))["consents"]!.AsArray();
        Assert.False((bool)consents.Single(c => (string?)c!["purpose"] == "marketing_email")!["granted"]!);
        await (await Send(template, member)).Problem(HttpStatusCode.UnprocessableEntity, "marketing_consent_missing");
        var receipt = await (await Send(template, member, transactional: true)).Json(HttpStatusCode.OK);
        Assert.True((bool)receipt["transactional"]!);
        Assert.Equal(2, App.Mail.To(email).Count);
        Assert.DoesNotContain(App.Mail.To(email)[^1].Headers, h => h.Field == "List-Unsubscribe");
        var withdrawn = await App.Db(db => Task.FromResult(db.DomainEvents.Count(e => e.MemberId == member && e.Type == "consent.changed")));
        Assert.Equal(1, withdrawn);
    }

    [Fact]
    public async Task No_marketing_without_consent_and_nothing_to_an_erased_member_and_a_forged_link_changes_nothing()
    {
        var template = await Template();
        var (never, neverEmail) = await Member(marketing: false);
        var (erased, _) = await Member(marketing: true);
        (await Admin.Post($"/v1/members/{erased}/erasure", new { reason = "asked" })).EnsureSuccessStatusCode();

        var refused = await Send(template, never);
        var toErased = await Send(template, erased, transactional: true);
        var forged = await App.Anonymous.PostAsync("/v1/unsubscribe?token=not-a-token", null, TestContext.Current.CancellationToken);

        await refused.Problem(HttpStatusCode.UnprocessableEntity, "marketing_consent_missing");
        await toErased.Problem(HttpStatusCode.UnprocessableEntity, "member_erased");
        await forged.Problem(HttpStatusCode.NotFound, "unsubscribe_link_invalid");
        Assert.Empty(App.Mail.To(neverEmail));
        await (await Admin.Post("/v1/admin/message-templates/no-such/send", new { memberId = never })).Problem(HttpStatusCode.NotFound, "template_not_found");
    }
}

public sealed class MessageSendingOnSqlite(SqliteApp app) : MessageSendingSpec(app), IClassFixture<SqliteApp>;

public sealed class MessageSendingOnPostgres(PostgresApp app) : MessageSendingSpec(app), IClassFixture<PostgresApp>;
