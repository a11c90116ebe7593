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
