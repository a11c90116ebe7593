using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Messages;

public static class MessageEndpoints
{
    public static void MapMessageEndpoints(this IEndpointRouteBuilder app)
    {
        var templates = app.MapGroup("/v1/admin/message-templates").WithTags("Messages").RequireScopes(Scopes.Admin);
        templates.MapPost("", Create).WithName("createMessageTemplate").AccessForAdmin(201).Idempotent()
            .WithSummary("Save an e-mail template in Liquid, in German, English or both")
            .WithDescription("Every part must be valid Liquid: a syntax error is refused with the part, the line and the column. docs/messages.md lists the tokens.")
            .Produces<TemplateView>(201).WithRequestExample(MessageExamples.CreateTemplate).WithResponseExample(201, MessageExamples.Template);
        templates.MapGet("", List).WithName("listMessageTemplates").AccessForAdmin(200).WithSummary("The program's message templates")
            .Produces<TemplateView[]>().WithResponseExample(200, MessageExamples.TemplateList);
        templates.MapGet("/{id}", Get).WithName("getMessageTemplate").AccessForAdmin(200).WithSummary("Read a message template")
            .Produces<TemplateView>().WithResponseExample(200, MessageExamples.Template);
        templates.MapPut("/{id}", Update).WithName("updateMessageTemplate").AccessForAdmin(200).Idempotent()
            .WithSummary("Replace a message template: the whole template as it should be")
            .Produces<TemplateView>().WithRequestExample(MessageExamples.UpdateTemplate).WithResponseExample(200, MessageExamples.Template);
        templates.MapPost("/{id}/preview", Preview).WithName("previewMessageTemplate").AccessForAdmin(200)
            .WithSummary("Render a template for a member, or for a sample member: the e-mail as it would go out")
            .WithDescription("Writes nothing. In the member's language unless language says otherwise; a template without that language renders its other one.")
            .Produces<RenderedMessage>().WithRequestExample(MessageExamples.Preview).WithResponseExample(200, MessageExamples.Rendered);
        templates.MapPost("/{id}/send", Send).WithName("sendMessageTemplate").AccessForAdmin(200)
            .WithSummary("E-mail a template to a member through the SMTP server (Treu:Mail): HTML and text, and a one-click unsubscribe for marketing")
            .WithDescription("A marketing message needs the member's marketing_email consent; a transactional one (transactional: true) does not. "
                + "Nothing goes to a blocked or erased member.")
            .Produces<SentMessage>().WithRequestExample(MessageExamples.Send).WithResponseExample(200, MessageExamples.Sent);

        // RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to the link, without a key; the link itself is the proof.
        app.MapPost("/v1/unsubscribe", OneClickUnsubscribe).WithName("unsubscribe").WithTags("Messages").AllowAnonymous().AccessForAnyone(404).DisableAntiforgery()
            .WithSummary("One-click unsubscribe from a marketing e-mail's List-Unsubscribe link: the marketing_email consent is withdrawn")
            .WithDescription("The token comes from the e-mail's link. A link Treu did not make answers 404 unsubscribe_link_invalid.")
            .Produces(204);
    }

    private static async Task<Results<Ok<SentMessage>, ProblemHttpResult>> Send(string id, SendRequest body, HttpContext http, SendMessage send, CancellationToken ct)
    {
        var check = new Validation().Require("memberId", body.MemberId, 64);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var site = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        return (await send.RunAsync(http.Caller(), id, body, site, ct)).ToOkOrProblem();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> OneClickUnsubscribe(string? token, Unsubscribe unsubscribe, WriteTransaction tx, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return Problems.For(MessageErrors.UnsubscribeLinkInvalid.With("This unsubscribe link is not one Treu made."));
        }

        var done = await tx.RunAloneAsync(c => unsubscribe.RunAsync(token, c), r => r.Succeeded, ct);
        return done.Failure is { } invalid ? Problems.For(invalid) : TypedResults.NoContent();
    }

    private static async Task<Results<KeptCreated<TemplateView>, ProblemHttpResult>> Create(TemplateRequest body, HttpContext http, IdempotentWrites writes,
        TemplateAdmin templates)
    {
        var check = TemplateAdmin.Check(body, create: true);
        return check.IsValid ? await writes.CreateAsync(http, body, [], ct => templates.CreateAsync(http.Caller(), body, ct)) : check.ToProblem();
    }

    private static async Task<Ok<TemplateView[]>> List(HttpContext http, TreuDbContext db, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var all = await db.MessageTemplates.AsNoTracking().Where(t => t.ProgramId == programId).OrderBy(t => t.Id).Take(TemplateAdmin.MaxTemplatesPerProgram).ToListAsync(ct);
        return TypedResults.Ok(all.Select(TemplateView.From).ToArray());
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, CancellationToken ct) =>
        await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ProgramId == http.Caller().ProgramId && t.Id == id, ct) is { } template
            ? TypedResults.Ok(TemplateView.From(template))
            : Problems.For(MessageErrors.NoSuchTemplate(id));

    private static async Task<Results<KeptOk<TemplateView>, ProblemHttpResult>> Update(string id, TemplateRequest body, HttpContext http, IdempotentWrites writes,
        TemplateAdmin templates)
    {
        var check = TemplateAdmin.Check(body, create: false);
        if (body.Id is not null && body.Id != id)
        {
            check.Add("id", "a template's id cannot change");
        }

        return check.IsValid ? await writes.ChangeAsync(http, body, [], ct => templates.UpdateAsync(http.Caller(), id, body, ct)) : check.ToProblem();
    }

    private static async Task<Results<Ok<RenderedMessage>, ProblemHttpResult>> Preview(string id, PreviewRequest body, HttpContext http, TemplateAdmin templates,
        CancellationToken ct) =>
        (await templates.PreviewAsync(http.Caller(), id, body, ct)).ToOkOrProblem();
}
