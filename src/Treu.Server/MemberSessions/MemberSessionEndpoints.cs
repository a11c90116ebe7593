using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>
/// Member sessions: how a phone or browser gets a token for one member (a one-time code, or a trusted integration vouching
/// for its customer), renews it, and ends it. None of these writes is kept for replay: its answer holds fresh secrets.
/// </summary>
public static class MemberSessionEndpoints
{
    private const int Forbidden = StatusCodes.Status403Forbidden;

    public static void MapMemberSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/v1/member-sessions").WithTags("Member sessions");

        sessions.MapPost("/codes", RequestCode).WithName("requestSignInCode").AllowAnonymous().AccessForAnyone(202)
            .WithSummary("Send a member a one-time code to sign in with, by e-mail or SMS")
            .WithDescription("Answered alike whether or not a member has the address, so nobody learns who is a member. "
                + "A code is valid for Treu:MemberSessions:CodeLifetime (10 minutes) and only the newest one counts.")
            .Produces<SignInCodeRequested>(202).WithRequestExample(MemberSessionExamples.RequestCode).WithResponseExample(202, MemberSessionExamples.CodeRequested);

        // A code nobody was sent is the well-formed request the matrix can make: every caller gets 400 wrong_code for it.
        sessions.MapPost("", SignIn).WithName("signInWithCode").AllowAnonymous().AccessForAnyone(400)
            .WithSummary("Exchange a one-time code for the member's session: an access token and a refresh token")
            .WithDescription("An unknown address and a wrong, used, expired or over-guessed code all answer 400 wrong_code.")
            .Produces<MemberSessionView>(201).WithRequestExample(MemberSessionExamples.SignIn).WithResponseExample(201, MemberSessionExamples.Session);

        sessions.MapPost("/refresh", Refresh).WithName("refreshMemberSession").AllowAnonymous().AccessForAnyone(201)
            .WithSummary("Exchange a refresh token for a new access token and refresh token; the old refresh token is spent")
            .Produces<MemberSessionView>(201).WithRequestExample(MemberSessionExamples.Refresh).WithResponseExample(201, MemberSessionExamples.Session);

        sessions.MapDelete("/current", SignOut).WithName("endCurrentMemberSession").RequireScopes(Scopes.Member)
            .Access(Forbidden, Forbidden, Forbidden, Forbidden, member: 200)
            .WithSummary("Sign out: end the session whose access token this is")
            .Produces<MemberSessionsEnded>().WithResponseExample(200, MemberSessionExamples.Ended);

        var member = app.MapGroup("/v1/members/{id}/sessions").WithTags("Member sessions");
        member.MapPost("", Open).WithName("openMemberSession").RequireScopes(Scopes.Ecommerce, Scopes.App, Scopes.Admin)
            .Access(pos: Forbidden, ecommerce: 201, app: 201, admin: 201)
            .WithSummary("Open a session for a member the integration has signed in itself (the webshop's customer)")
            .Produces<MemberSessionView>(201).WithResponseExample(201, MemberSessionExamples.Session);

        member.MapDelete("", SignOutEverywhere).WithName("endMemberSessions").RequireScopesOrTheMember(Scopes.Ecommerce, Scopes.App, Scopes.Admin)
            .Access(pos: Forbidden, ecommerce: 200, app: 200, admin: 200, member: 404)
            .WithSummary("Sign the member out everywhere: every session of theirs ends")
            .WithDescription("Takes effect at once on the node that answers and within 5 seconds on the others.")
            .Produces<MemberSessionsEnded>().WithResponseExample(200, MemberSessionExamples.Ended);
    }

    private static async Task<Results<Accepted<SignInCodeRequested>, ProblemHttpResult>> RequestCode(RequestSignInCodeRequest body, RequestSignInCode request,
        CancellationToken ct)
    {
        var address = request.Check(body);
        if (address.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        var sent = await request.RunAsync(address.Value, ct);
        return sent.Failure is { } failed ? Problems.For(failed) : TypedResults.Accepted((string?)null, sent.Value);
    }

    private static async Task<Results<Created<MemberSessionView>, ProblemHttpResult>> SignIn(SignInWithCodeRequest body, SignInWithCode signIn, CancellationToken ct)
    {
        var order = SignInWithCode.Check(body);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return Answer(await signIn.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Created<MemberSessionView>, ProblemHttpResult>> Refresh(RefreshMemberSessionRequest body, MemberTokens tokens, CancellationToken ct)
    {
        var check = new Validation().Require("refreshToken", body.RefreshToken, 100);
        return check.IsValid ? Answer(await tokens.RefreshAsync(body.RefreshToken!, ct)) : check.ToProblem();
    }

    private static async Task<Ok<MemberSessionsEnded>> SignOut(HttpContext http, MemberTokens tokens, CancellationToken ct)
    {
        var caller = http.Caller();
        return TypedResults.Ok(new MemberSessionsEnded(await tokens.EndAsync(caller.ProgramId, caller.MemberId!, caller.ApiKeyId, ct)));
    }

    private static async Task<Results<Created<MemberSessionView>, ProblemHttpResult>> Open(string id, HttpContext http, OpenMemberSession open, CancellationToken ct) =>
        Answer(await open.RunAsync(http.Caller(), id, ct));

    private static async Task<Results<Ok<MemberSessionsEnded>, ProblemHttpResult>> SignOutEverywhere(string id, HttpContext http, MemberTokens tokens,
        TreuDbContext db, CancellationToken ct)
    {
        var caller = http.Caller();
        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        return TypedResults.Ok(new MemberSessionsEnded(await tokens.EndAsync(caller.ProgramId, id, null, ct)));
    }

    private static Results<Created<MemberSessionView>, ProblemHttpResult> Answer(Treu.Domain.Common.Result<MemberSessionView> result) =>
        result.Failure is { } failure ? Problems.For(failure) : TypedResults.Created((string?)null, result.Value);
}
