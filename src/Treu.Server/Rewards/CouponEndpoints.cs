using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

public static class CouponEndpoints
{
    public static void MapCouponEndpoints(this IEndpointRouteBuilder app)
    {
        var coupons = app.MapGroup("/v1/admin/coupons").WithTags("Coupons").RequireScopes(Scopes.Admin);
        coupons.MapPost("", Create).WithName("createCoupon").AccessForAdmin(201).Idempotent()
            .WithSummary("Create a coupon campaign, as a draft: one public code (WELCOME10) or unique codes, with its benefit and constraints")
            .Produces<CouponView>(201).WithRequestExample(RewardExamples.CreateCoupon).WithResponseExample(201, RewardExamples.Coupon);
        coupons.MapGet("", List).WithName("listCoupons").AccessForAdmin(200).WithSummary("Coupon campaigns with their figures: codes, uses, discount given, what is left")
            .Produces<CouponView[]>().WithResponseExample(200, RewardExamples.CouponList);
        coupons.MapGet("/{id}", Get).WithName("getCoupon").AccessForAdmin(200).WithSummary("Read a coupon campaign with its figures").Produces<CouponView>()
            .WithResponseExample(200, RewardExamples.Coupon);
        coupons.MapPut("/{id}", Update).WithName("updateCoupon").AccessForAdmin(200).Idempotent().WithSummary("Change a coupon campaign (its codes follow it)")
            .Produces<CouponView>().WithRequestExample(RewardExamples.UpdateCoupon).WithResponseExample(200, RewardExamples.Coupon);
        coupons.MapPost("/{id}/activate", (string id, HttpContext http, IdempotentWrites writes, CouponAdmin admin, TimeProvider clock) =>
                SetStatus(id, RewardStatus.Active, http, writes, admin, clock)).WithName("activateCoupon").AccessForAdmin(200).Idempotent()
            .WithSummary("Start a coupon campaign: its codes work").Produces<CouponView>().WithResponseExample(200, RewardExamples.Coupon);
        coupons.MapPost("/{id}/deactivate", (string id, HttpContext http, IdempotentWrites writes, CouponAdmin admin, TimeProvider clock) =>
                SetStatus(id, RewardStatus.Inactive, http, writes, admin, clock)).WithName("deactivateCoupon").AccessForAdmin(200).Idempotent()
            .WithSummary("Stop a coupon campaign: its codes no longer work").Produces<CouponView>().WithResponseExample(200, RewardExamples.Coupon);
        coupons.MapPost("/{id}/codes", Generate).WithName("generateCouponCodes").AccessForAdmin(201).Idempotent()
            .WithSummary("Generate unique codes in bulk (1 to 100,000 per request), for print or partners; export them as CSV")
            .Produces<GeneratedCodesView>(201).WithRequestExample(RewardExamples.GenerateCodes).WithResponseExample(201, RewardExamples.GeneratedCodes);
        coupons.MapPost("/{id}/assign", Assign).WithName("assignCouponCodes").AccessForAdmin(201).Idempotent()
            .WithSummary("Give members a code of their own (a personal offer): it shows among their vouchers, and only they can use it")
            .Produces<AssignedCodesView>(201).WithRequestExample(RewardExamples.AssignCodes).WithResponseExample(201, RewardExamples.AssignedCodes);
        coupons.MapGet("/{id}/codes.csv", Export).WithName("exportCouponCodes").AccessForAdmin(200)
            .WithSummary("The campaign's unique codes as CSV: code, status, member_id, valid_to, redeemed_at").Produces(200, contentType: "text/csv");
    }

    private static async Task<Results<KeptCreated<CouponView>, ProblemHttpResult>> Create(CouponRequest body, HttpContext http, IdempotentWrites writes, CouponAdmin admin,
        TimeProvider clock)
    {
        var check = CouponAdmin.Check(body, create: true);
        return check.IsValid ? await writes.CreateAsync(http, body, [], ct => admin.CreateAsync(http.Caller(), body, Now(clock), ct)) : check.ToProblem();
    }

    private static async Task<IResult> List(HttpContext http, CouponAdmin admin, TimeProvider clock, CancellationToken ct) =>
        Results.Ok(await admin.ListAsync(http.Caller().ProgramId, Now(clock), ct));

    private static async Task<Results<Ok<CouponView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var campaign = await db.CouponCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == id, ct);
        return campaign is null ? Problems.For(CouponAdmin.NotFound(id)) : TypedResults.Ok(CouponAdmin.View(campaign, Now(clock)));
    }

    private static async Task<Results<KeptOk<CouponView>, ProblemHttpResult>> Update(string id, CouponRequest body, HttpContext http, IdempotentWrites writes,
        CouponAdmin admin, TimeProvider clock)
    {
        var check = CouponAdmin.Check(body, create: false);
        if (body.Id is not null && body.Id != id)
        {
            check.Add("id", "a campaign's id cannot change");
        }

        return check.IsValid ? await writes.ChangeAsync(http, body, [], ct => admin.UpdateAsync(http.Caller(), id, body, Now(clock), ct)) : check.ToProblem();
    }

    private static Task<Results<KeptOk<CouponView>, ProblemHttpResult>> SetStatus(string id, string status, HttpContext http, IdempotentWrites writes, CouponAdmin admin,
        TimeProvider clock) =>
        writes.ChangeAsync(http, new { id, status }, [], ct => admin.SetStatusAsync(http.Caller(), id, status, Now(clock), ct));

    private static async Task<Results<KeptCreated<GeneratedCodesView>, ProblemHttpResult>> Generate(string id, GenerateCodesRequest body, HttpContext http,
        IdempotentWrites writes, CouponCodes codes, TimeProvider clock)
    {
        var check = new Validation();
        if (body.Count is not (>= 1 and <= CouponCodes.MaxPerRequest))
        {
            check.Add("count", $"is required: 1 to {CouponCodes.MaxPerRequest:N0}");
        }

        return check.IsValid
            ? await writes.CreateAsync(http, new { id, body }, [], ct => codes.GenerateAsync(http.Caller(), id, body.Count!.Value, body.ValidTo, Now(clock), ct))
            : check.ToProblem();
    }

    private static async Task<Results<KeptCreated<AssignedCodesView>, ProblemHttpResult>> Assign(string id, AssignCodesRequest body, HttpContext http,
        IdempotentWrites writes, CouponCodes codes, TimeProvider clock)
    {
        var check = new Validation();
        if (body.MemberIds is not { Length: >= 1 and <= 1000 } members || members.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 64))
        {
            check.Add("memberIds", "1 to 1,000 member ids");
        }

        return check.IsValid
            ? await writes.CreateAsync(http, new { id, body }, [], ct => codes.AssignAsync(http.Caller(), id, body.MemberIds!, body.ValidTo, Now(clock), ct))
            : check.ToProblem();
    }

    private static async Task Export(string id, HttpContext http, TreuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var campaign = await db.CouponCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == id, ct);
        if (campaign is null)
        {
            await Problems.WriteAsync(http, CouponAdmin.NotFound(id));
            return;
        }

        var now = Now(clock);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{id}-codes.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(false));
        await using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.WriteField("code");
        csv.WriteField("status");
        csv.WriteField("member_id");
        csv.WriteField("valid_to");
        csv.WriteField("redeemed_at");
        await csv.NextRecordAsync();
        // Streamed in code order, one row at a time: 100,000 codes never sit in memory at once.
        await foreach (var v in db.Vouchers.AsNoTracking().Where(v => v.ProgramId == programId && v.CampaignId == id).OrderBy(v => v.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(v.Code);
            csv.WriteField(Json.SnakeCase(v.StatusAt(now, v.ValidTo ?? campaign.ValidTo).ToString()));
            csv.WriteField(v.MemberId);
            csv.WriteField((v.ValidTo ?? campaign.ValidTo)?.ToString("O", CultureInfo.InvariantCulture));
            csv.WriteField(v.RedeemedAt?.ToString("O", CultureInfo.InvariantCulture));
            await csv.NextRecordAsync();
        }
    }

    private static DateTime Now(TimeProvider clock) => Treu.Domain.Common.Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
}
