using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Tiers;

public static class TierEndpoints
{
    public const int DefaultPageSize = 25;

    public static void MapTierEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin/tiers").WithTags("Tiers").RequireScopes(Scopes.Admin);

        admin.MapGet("", List).WithName("listTiers").AccessForAdmin(200)
            .WithSummary("The program's tier ladder, with every earlier version")
            .Produces<TierLadderView>().WithResponseExample(200, TierExamples.TierLadder);

        admin.MapPut("", Replace).WithName("replaceTiers").AccessForAdmin(200).Idempotent()
            .WithSummary("Replace the ladder: saves a new version")
            .WithDescription("Checked first: one base tier at threshold 0, thresholds strictly increasing, unique ids, names in de and en. "
                + "No member changes on the spot: members go up on the new ladder with their next qualifying purchase, action or credit, "
                + "and are placed on it, down included, at their next review. POST /v1/admin/tiers/preview tells what it would do.")
            .Produces<TierLadderView>().WithRequestExample(TierExamples.ReplaceTiers).WithResponseExample(200, TierExamples.TierLadder);

        admin.MapPost("/preview", Preview).WithName("previewTiers").AccessForAdmin(200)
            .WithSummary("What if: how many members each tier of a new ladder would hold, beside how many hold each tier now")
            .Produces<TierPreviewView>().WithRequestExample(TierExamples.ReplaceTiers).WithResponseExample(200, TierExamples.TierPreview);

        admin.MapGet("/stats", Stats).WithName("getTierStats").AccessForAdmin(200)
            .WithSummary("Members per tier now, and upgrades and downgrades per month over the last twelve months")
            .Produces<TierStatsView>().WithResponseExample(200, TierExamples.TierStats);

        var member = app.MapGroup("/v1/members/{id}/tier").WithTags("Tiers");

        member.MapGet("", Standing).WithName("getMemberTier").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("The member's tier, since when and until when it is secured, what the next tier takes, what keeps this one, and the window month by month")
            .Produces<MemberTierView>().WithResponseExample(200, TierExamples.MemberTier);

        member.MapGet("/history", History).WithName("listTierChanges").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("The member's tier changes with their cause, newest first")
            .WithDescription($"Cursor-paginated: pass nextCursor back as cursor. limit: 1 to Treu:Limits:MaxPageSize (default 100), default {DefaultPageSize}.")
            .Produces<TierHistoryPage>().WithResponseExample(200, TierExamples.TierHistory);

        member.MapPut("/manual", SetManual).WithName("setManualTier").RequireScopes(Scopes.Admin).AccessForAdmin(200).Idempotent()
            .WithSummary("Give a member a tier by hand until a day, with a reason (admin); without a tier, end it")
            .WithDescription("The member holds at least that tier until the day ends, and rises to it now if below; then the member is reviewed.")
            .Produces<ManualTierResultView>().WithRequestExample(TierExamples.ManualTier).WithResponseExample(200, TierExamples.ManualTierResult);
    }

    private static async Task<Ok<TierLadderView>> List(HttpContext http, TierAdmin admin, CancellationToken ct) =>
        TypedResults.Ok(await admin.ViewAsync(http.Caller().ProgramId, ct));

    private static async Task<Results<KeptOk<TierLadderView>, ProblemHttpResult>> Replace(TierLadder body, HttpContext http, IdempotentWrites writes, TierAdmin admin)
    {
        if (TierLadderValidation.Validate(body) is { } refused)
        {
            return Problems.For(refused);
        }

        var caller = http.Caller();
        var result = await writes.ChangeAsync(http, body, [], ct => admin.ReplaceAsync(caller, body, ct));
        admin.Changed(caller.ProgramId);
        return result;
    }

    private static async Task<Results<Ok<TierPreviewView>, ProblemHttpResult>> Preview(TierLadder body, HttpContext http, TierPreview preview, CancellationToken ct) =>
        (await preview.RunAsync(http.Caller(), body, ct)).ToOkOrProblem();

    private static async Task<Results<Ok<TierStatsView>, ProblemHttpResult>> Stats(HttpContext http, TierStats stats, CancellationToken ct) =>
        await stats.RunAsync(http.Caller().ProgramId, ct) is { } figures ? TypedResults.Ok(figures) : Problems.For(SetManualTier.NoTiers());

    private static async Task<Results<Ok<MemberTierView>, ProblemHttpResult>> Standing(string id, HttpContext http, TreuDbContext db, TierLadders ladders,
        ProgramSettings programs, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct);
        if (member is null)
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        return await ladders.GetAsync(caller.ProgramId, ct) is { } ladder
            ? TypedResults.Ok(TierStanding.Of(member, ladder, await programs.GetAsync(caller.ProgramId, ct), clock.GetUtcNow().UtcDateTime))
            : Problems.For(SetManualTier.NoTiers());
    }

    private static async Task<Results<Ok<TierHistoryPage>, ProblemHttpResult>> History(string id, HttpContext http, TreuDbContext db, TierLadders ladders,
        IOptions<LimitOptions> limits, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = http.Caller();
        var max = limits.Value.MaxPageSize;
        var size = limit ?? Math.Min(DefaultPageSize, max);
        if (size < 1 || size > max)
        {
            return Problems.For(CommonErrors.InvalidField("limit", $"must be between 1 and {max}"));
        }

        var before = cursor is null ? null : ReadCursor(cursor);
        if (cursor is not null && before is null)
        {
            return Problems.For(CommonErrors.InvalidField("cursor", "is not one this API handed out"));
        }

        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        var page = await db.TierChanges.AsNoTracking().Where(c => c.MemberId == id && (before == null || string.Compare(c.Id, before) < 0))
            .OrderByDescending(c => c.Id).Take(size + 1).ToListAsync(ct);
        var ladder = (await ladders.GetAsync(caller.ProgramId, ct))?.Ladder ?? new TierLadder();
        var items = page.Take(size).Select(c => new TierChangeView(c.Id, c.At, TierRef.Of(ladder, c.FromTier), TierRef.Of(ladder, c.ToTier),
            c.Direction, c.Cause, c.CauseId, c.Reason, c.Qualifying, c.LadderVersion)).ToList();
        return TypedResults.Ok(new TierHistoryPage(items, page.Count > size ? Cursor(page[size - 1].Id) : null));
    }

    private static async Task<Results<KeptOk<ManualTierResultView>, ProblemHttpResult>> SetManual(string id, ManualTierRequest body, HttpContext http,
        SetManualTier manual, IdempotentWrites writes)
    {
        var order = await manual.CheckAsync(http.Caller(), id, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.ChangeAsync(http, new { id, body }, [], ct => manual.RunAsync(order.Value, ct));
    }

    private static string Cursor(string id) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"tch:{id}")).TrimEnd('=');

    private static string? ReadCursor(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor.PadRight(cursor.Length + (4 - cursor.Length % 4) % 4, '=')));
            return text.StartsWith("tch:tch_", StringComparison.Ordinal) && text.Length <= 64 ? text[4..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
