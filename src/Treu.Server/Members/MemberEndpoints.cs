using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Members;

public static class MemberEndpoints
{
    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/v1/members").WithTags("Members");

        members.MapPost("", Enrol).WithName("enrolMember").RequireScopes(Scopes.All).AccessForAll(201).Idempotent()
            .WithSummary("Enrol a member")
            .WithDescription("From any channel. At least one of e-mail, phone or card. Consents are recorded with channel, time and text version. "
                + "Send an Idempotency-Key to make retries safe.")
            .Produces<MemberView>(201).WithRequestExample(Examples.Enrol).WithResponseExample(201, Examples.Member);

        members.MapGet("/{id}", Get).WithName("getMember").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("Read a member").Produces<MemberView>().WithResponseExample(200, Examples.Member);

        members.MapPatch("/{id}", Update).WithName("updateMember").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404).Idempotent()
            .WithSummary("Update a member's profile, cards and consents; block or unblock (admin)")
            .WithDescription("Only the fields sent change; an empty string clears e-mail, phone or a name. Changing status needs an admin key.")
            .Produces<MemberView>().WithRequestExample(Examples.Update).WithResponseExample(200, Examples.Member);

        members.MapGet("/lookup", Lookup).WithName("lookUpMember").RequireScopes(Scopes.All).AccessForAll(200).LimitedAsLookup()
            .WithSummary("Identify a member by e-mail, phone, card, member number or the QR token from the wallet")
            .WithDescription("Exactly one of the query parameters. A QR token is valid for five minutes after it was issued. "
                + "Rate-limited per API key (Treu:Limits:Lookups); too many answer 429 rate_limited with Retry-After.")
            .Produces<MemberView>().WithResponseExample(200, Examples.Member);

        members.MapGet("/{id}/qr-token", IssueQrToken).WithName("issueQrToken").RequireScopesOrTheMember(Scopes.App, Scopes.Admin)
            .Access(pos: 403, ecommerce: 403, app: 200, admin: 200, member: 404)
            .WithSummary("Issue a short-lived signed token for the member's QR code at the till").Produces<QrTokenView>().WithResponseExample(200, Examples.QrToken);
    }

    private static async Task<Results<KeptCreated<MemberView>, ProblemHttpResult>> Enrol(EnrolMemberRequest body, HttpContext http, EnrolMember enrol,
        IdempotentWrites writes)
    {
        var order = enrol.Check(http.Caller(), body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, body, [], CommitGroup.Any, ct => enrol.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, CancellationToken ct) =>
        await MemberQueries.LoadAsync(db, http.Caller().ProgramId, id, ct) is { } member
            ? TypedResults.Ok(MemberView.From(member))
            : Problems.For(MemberErrors.NoSuchMember(id));

    private static async Task<Results<KeptOk<MemberView>, ProblemHttpResult>> Update(string id, UpdateMemberRequest body, HttpContext http, UpdateMember update,
        IdempotentWrites writes)
    {
        var order = update.Check(http.Caller(), id, body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.ChangeAsync(http, body, [], ct => update.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Ok<MemberView>, ProblemHttpResult>> Lookup(HttpContext http, FindMember find, string? email, string? phone, string? card,
        string? number, string? qr, CancellationToken ct) =>
        (await find.RunAsync(http.Caller(), new FindMember.Query(email, phone, card, number, qr), ct)).ToOkOrProblem();

    private static async Task<Results<Ok<QrTokenView>, ProblemHttpResult>> IssueQrToken(
        string id, HttpContext http, TreuDbContext db, ProgramSettings programs, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var expires = clock.GetUtcNow().UtcDateTime.Add(QrToken.Lifetime);
        expires = new DateTime(expires.Ticks - expires.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        return TypedResults.Ok(new QrTokenView(QrToken.Issue(id, expires, program.QrSecret), expires));
    }
}
