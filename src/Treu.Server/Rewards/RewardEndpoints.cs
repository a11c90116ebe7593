using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

public static class RewardEndpoints
{
    public static void MapRewardEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin/rewards").WithTags("Rewards").RequireScopes(Scopes.Admin);
        admin.MapPost("", Create).WithName("createReward").AccessForAdmin(201).Idempotent()
            .WithSummary("Add a reward to the catalogue, as a draft")
            .WithDescription("Members see and redeem it once it is activated and within its dates. Texts are keyed by language (de, en).")
            .Produces<RewardView>(201).WithRequestExample(RewardExamples.CreateReward).WithResponseExample(201, RewardExamples.Reward);
        admin.MapGet("", List).WithName("listRewards").AccessForAdmin(200).WithSummary("The catalogue with each reward's figures: issued, redeemed, points spent, stock left")
            .Produces<RewardView[]>().WithResponseExample(200, RewardExamples.RewardList);
        admin.MapGet("/{id}", Get).WithName("getReward").AccessForAdmin(200).WithSummary("Read a reward with its figures")
            .Produces<RewardView>().WithResponseExample(200, RewardExamples.Reward);
        admin.MapPut("/{id}", Update).WithName("updateReward").AccessForAdmin(200).Idempotent()
            .WithSummary("Change a reward (vouchers already issued keep what they promised)")
            .Produces<RewardView>().WithRequestExample(RewardExamples.UpdateReward).WithResponseExample(200, RewardExamples.Reward);
        admin.MapPost("/{id}/activate", (string id, HttpContext http, IdempotentWrites writes, RewardAdmin rewards, TimeProvider clock) =>
                SetStatus(id, RewardStatus.Active, http, writes, rewards, clock)).WithName("activateReward").AccessForAdmin(200).Idempotent()
            .WithSummary("Put a reward on offer").Produces<RewardView>().WithResponseExample(200, RewardExamples.Reward);
        admin.MapPost("/{id}/deactivate", (string id, HttpContext http, IdempotentWrites writes, RewardAdmin rewards, TimeProvider clock) =>
                SetStatus(id, RewardStatus.Inactive, http, writes, rewards, clock)).WithName("deactivateReward").AccessForAdmin(200).Idempotent()
            .WithSummary("Take a reward off offer (its vouchers stay valid)").Produces<RewardView>().WithResponseExample(200, RewardExamples.Reward);
        admin.MapPut("/{id}/image", SetImage).WithName("setRewardImage").AccessForAdmin(200).Idempotent()
            .WithSummary("Upload the reward's picture: the request body is the image itself (PNG, JPEG or WebP)")
            .WithDescription("The type is read from the bytes, not from a name or a header; at most Treu:Rewards:MaxImageBytes (512 KiB) "
                + "and Treu:Rewards:MaxImagePixels (4096) a side.")
            .Accepts<byte[]>("image/png", "image/jpeg", "image/webp").Produces<RewardView>().WithResponseExample(200, RewardExamples.Reward);

        app.MapGet("/v1/rewards/{id}/image", Image).WithName("getRewardImage").WithTags("Rewards").RequireScopes(Scopes.All).AccessForAll(200)
            .WithSummary("A reward's picture, with an entity tag: a client that has it sends If-None-Match and gets 304")
            .Produces(200, contentType: "image/png", additionalContentTypes: ["image/jpeg", "image/webp"]).Produces(304);

        var member = app.MapGroup("/v1/members/{id}/rewards").WithTags("Rewards");
        member.MapGet("", Catalogue).WithName("listMemberRewards").RequireScopesOrTheMember(Scopes.All).AccessForAll(200, member: 404)
            .WithSummary("The catalogue as this member sees it: what can be redeemed now, what is within reach, and why not the rest")
            .WithDescription("In the member's language, or in lang (de, en). notRedeemableBecause is stable (not_enough_points, tier_required, sold_out …); "
                + "reason says it in words.")
            .Produces<MemberCatalogueView>().WithResponseExample(200, RewardExamples.MemberCatalogue);
        member.MapPost("/{rewardId}/redeem", Redeem).WithName("redeemReward").RequireScopesOrTheMember(Scopes.All).AccessForAll(201, member: 404).Idempotent()
            .WithSummary("Spend points on a reward: a voucher (or, for a donation, a donation record)")
            .WithDescription("The points leave through the ledger in one entry naming the reward. Send an Idempotency-Key: a retry then gives the same voucher, not a second one.")
            .Produces<RewardRedemptionView>(201).WithResponseExample(201, RewardExamples.RewardRedemption);
    }

    private static async Task<Results<KeptCreated<RewardView>, ProblemHttpResult>> Create(RewardRequest body, HttpContext http, IdempotentWrites writes, RewardAdmin rewards,
        TimeProvider clock)
    {
        var check = RewardAdmin.Check(body, create: true);
        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        return await writes.CreateAsync(http, body, [], ct => rewards.CreateAsync(http.Caller(), body, Now(clock), ct));
    }

    private static async Task<IResult> List(HttpContext http, RewardAdmin rewards, TimeProvider clock, CancellationToken ct) =>
        Results.Ok(await rewards.ListAsync(http.Caller().ProgramId, Now(clock), ct));

    private static async Task<Results<Ok<RewardView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, RewardAdmin rewards, TimeProvider clock,
        CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var reward = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.ProgramId == programId && r.Id == id, ct);
        return reward is null ? Problems.For(RewardAdmin.NotFound(id)) : TypedResults.Ok(await rewards.ViewAsync(reward, null, Now(clock), ct));
    }

    private static async Task<Results<KeptOk<RewardView>, ProblemHttpResult>> Update(string id, RewardRequest body, HttpContext http, IdempotentWrites writes,
        RewardAdmin rewards, TimeProvider clock)
    {
        var check = RewardAdmin.Check(body, create: false);
        if (body.Id is not null && body.Id != id)
        {
            check.Add("id", "a reward's id cannot change");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        return await writes.ChangeAsync(http, body, [], ct => rewards.UpdateAsync(http.Caller(), id, body, Now(clock), ct));
    }

    private static Task<Results<KeptOk<RewardView>, ProblemHttpResult>> SetStatus(string id, string status, HttpContext http, IdempotentWrites writes, RewardAdmin rewards,
        TimeProvider clock) =>
        writes.ChangeAsync(http, new { id, status }, [], ct => rewards.SetStatusAsync(http.Caller(), id, status, Now(clock), ct));

    private static async Task<Results<KeptOk<RewardView>, ProblemHttpResult>> SetImage(string id, HttpContext http, IdempotentWrites writes, RewardAdmin rewards,
        IOptions<TreuOptions> options, TimeProvider clock)
    {
        var limit = options.Value.Rewards.MaxImageBytes;
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0 && body.Length <= limit)
        {
            body.Write(buffer, 0, read);
        }

        var bytes = body.ToArray();
        var inspected = RewardAdmin.Inspect(bytes, options.Value.Rewards);
        if (inspected.Failure is { } refused)
        {
            return Problems.For(refused);
        }

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return await writes.ChangeAsync(http, new { id, image = hash }, [], ct => rewards.SetImageAsync(http.Caller(), id, bytes, Now(clock), ct));
    }

    private static async Task<IResult> Image(string id, HttpContext http, TreuDbContext db, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var tag = await db.RewardImages.AsNoTracking().Where(i => i.ProgramId == programId && i.RewardId == id).Select(i => i.Tag).SingleOrDefaultAsync(ct);
        if (tag is null)
        {
            return Problems.For(RewardErrors.ImageNotFound.With($"Reward '{RedeemReward.Shorten(id)}' has no picture."));
        }

        var etag = $"\"{tag}\"";
        // A picture changes only with its tag, and its URL carries the tag: a client may keep it for a day and revalidate cheaply after.
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, max-age=86400";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && (v == "*" || v.Split(',').Select(t => t.Trim()).Contains(etag))))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        var image = await db.RewardImages.AsNoTracking().SingleAsync(i => i.ProgramId == programId && i.RewardId == id, ct);
        return Results.Bytes(image.Data, image.ContentType);
    }

    private static async Task<Results<Ok<MemberCatalogueView>, ProblemHttpResult>> Catalogue(string id, string? lang, HttpContext http, TreuDbContext db,
        ProgramSettings programs, RewardCatalogue catalogue, CancellationToken ct)
    {
        var caller = http.Caller();
        if (lang is not null && !RewardAdmin.Languages.Contains(lang))
        {
            return Problems.For(Treu.Domain.Common.CommonErrors.InvalidField("lang", "must be de or en"));
        }

        var member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct);
        if (member is null)
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        return TypedResults.Ok(await catalogue.ForMemberAsync(await programs.GetAsync(caller.ProgramId, ct), member, lang, ct));
    }

    private static async Task<Results<KeptCreated<RewardRedemptionView>, ProblemHttpResult>> Redeem(string id, string rewardId, HttpContext http, RedeemReward redeem,
        IdempotentWrites writes)
    {
        var order = await redeem.CheckAsync(http.Caller(), id, rewardId, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, new { memberId = id, rewardId }, [], CommitGroup.ForMember(id), ct => redeem.RunAsync(order.Value, ct));
    }

    private static DateTime Now(TimeProvider clock) => Treu.Domain.Common.Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
}
