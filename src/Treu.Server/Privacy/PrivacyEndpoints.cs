using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Treu.Server.Hosting;

namespace Treu.Server.Privacy;

/// <summary>The data-protection rights of a member (docs/privacy.md): their data, to read and to take elsewhere.</summary>
public static class PrivacyEndpoints
{
    private const int Forbidden = StatusCodes.Status403Forbidden;

    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup("/v1/members/{id}").WithTags("Privacy");
        member.MapGet("/export", Export).WithName("exportMember").RequireScopesOrTheMember(Scopes.Admin)
            .Access(Forbidden, Forbidden, Forbidden, admin: 200, member: 404)
            .WithSummary("Everything Treu holds about the member, as JSON (GDPR Art. 15 and 20)")
            .WithDescription("Profile, cards, consent history with text versions, the whole ledger, purchases with their lines, returns, transfers, "
                + "vouchers, donations, tier changes, rewarded actions and sign-ins. For support (admin) and for the member themselves.")
            .Produces<MemberExport>().WithResponseExample(200, PrivacyExamples.Export);

        member.MapGet("/export.zip", Bundle).WithName("exportMemberBundle").RequireScopesOrTheMember(Scopes.Admin)
            .Access(Forbidden, Forbidden, Forbidden, admin: 200, member: 404)
            .WithSummary("The same export as a zip: export.json and one CSV file per list (member.csv, ledger.csv, purchase_lines.csv …)")
            .Produces(200, contentType: "application/zip");

        member.MapPost("/erasure", Erase).WithName("eraseMember").RequireScopesOrTheMember(Scopes.Admin)
            .Access(Forbidden, Forbidden, Forbidden, admin: 200, member: 404).Idempotent()
            .WithSummary("Erase the member's personal data at once (GDPR Art. 17); the ledger and the purchases' amounts stay")
            .WithDescription("Removes e-mail, phone, names, birth date, cards, tags, attributes, the external reference and staff's free text about the "
                + "member, ends every session, and keeps a pseudonymous account with its whole ledger, which still verifies. Recorded in the audit "
                + "trail with who, when and why; a member.erased event tells other systems. For support (admin) and for the member themselves.")
            .Produces<ErasureView>().WithRequestExample(PrivacyExamples.Erase).WithResponseExample(200, PrivacyExamples.Erased);
    }

    private static async Task<Results<KeptOk<ErasureView>, ProblemHttpResult>> Erase(string id, EraseMemberRequest body, HttpContext http, EraseMember erase,
        IdempotentWrites writes)
    {
        var order = EraseMember.Check(http.Caller(), id, body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.ChangeAsync(http, new { id, body }, [], ct => erase.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Ok<MemberExport>, ProblemHttpResult>> Export(string id, HttpContext http, MemberExporter exporter, CancellationToken ct)
    {
        var export = await exporter.RunAsync(http.Caller().ProgramId, id, ct);
        return export.Failure is { } failure ? Problems.For(failure) : TypedResults.Ok(export.Value);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Bundle(string id, HttpContext http, MemberExporter exporter,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        var export = await exporter.RunAsync(http.Caller().ProgramId, id, ct);
        if (export.Failure is { } failure)
        {
            return Problems.For(failure);
        }

        return TypedResults.File(MemberExportBundle.Write(export.Value, json.Value.SerializerOptions, ct), "application/zip", $"{id}-export.zip");
    }
}
