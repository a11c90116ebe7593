using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

public static class VoucherEndpoints
{
    public const int DefaultPageSize = 25;

    public static void MapVoucherEndpoints(this IEndpointRouteBuilder app)
    {
        var vouchers = app.MapGroup("/v1/vouchers").WithTags("Vouchers");
        vouchers.MapPost("/validate", Validate).WithName("validateVoucher").RequireScopes(Scopes.All).AccessForAll(200).LimitedAsLookup()
            .WithSummary("Can this code be used on this basket, and exactly what does it give there?")
            .WithDescription("A voucher or a coupon code, as typed or scanned, with the basket (optional) and the member (optional). Changes nothing. "
                + "A refusal is a problem whose code says why (voucher_expired, basket_below_minimum, voucher_already_redeemed …); an unknown code is "
                + "voucher_not_found whether or not another program has it. Unknown codes count against the key (Treu:Limits:CodeGuesses).")
            .Produces<VoucherValidationView>().WithRequestExample(RewardExamples.ValidateVoucher).WithResponseExample(200, RewardExamples.VoucherValidation);
        vouchers.MapGet("/{code}", Get).WithName("getVoucher").RequireScopes(Scopes.All).AccessForAll(200).LimitedAsLookup()
            .WithSummary("Read a voucher or coupon code: what it gives, until when, and its status").Produces<VoucherView>().WithResponseExample(200, RewardExamples.Voucher);
        vouchers.MapGet("/{code}/qr.png", Qr).WithName("getVoucherQr").RequireScopes(Scopes.All).AccessForAll(200).LimitedAsLookup()
            .WithSummary("The code as a QR code (PNG), for the wallet and print-outs").Produces(200, contentType: "image/png");
        vouchers.MapPost("/{code}/reserve", Reserve).WithName("reserveVoucher").RequireScopes(Scopes.Checkout).Access(pos: 200, ecommerce: 200, app: 403, admin: 200)
            .LimitedAsLookup().Idempotent()
            .WithSummary("Hold a voucher for one basket (its receipt or order id) for a few minutes, so that no other till or order can take it")
            .WithDescription("Treu:Rewards:ReservationMinutes (15). The purchase with that externalId, channel and store uses it; "
                + "reserving again for the same basket extends the hold.")
            .Produces<VoucherView>().WithRequestExample(RewardExamples.ReserveVoucher).WithResponseExample(200, RewardExamples.Voucher);
        vouchers.MapPost("/{code}/redeem", Redeem).WithName("redeemVoucher").RequireScopes(Scopes.Checkout).Access(pos: 201, ecommerce: 201, app: 403, admin: 201)
            .LimitedAsLookup().Idempotent()
            .WithSummary("Use a code outside a purchase recorded here (a ticket at the door, a webshop that computes its own totals)")
            .WithDescription("The code with the receipt or order id (externalId), channel and store is an idempotency key: the same redemption again gets the first answer. "
                + "To use a code with a purchase, send it in the purchase's vouchers instead.")
            .Produces<VoucherRedemptionView>(201).WithRequestExample(RewardExamples.RedeemVoucher).WithResponseExample(201, RewardExamples.VoucherRedemption);
        vouchers.MapPost("/{code}/cancel", Cancel).WithName("cancelVoucher").RequireScopes(Scopes.App, Scopes.Admin).Access(pos: 403, ecommerce: 403, app: 200, admin: 200)
            .Idempotent()
            .WithSummary("Withdraw an unused voucher; a reward voucher's points come back (program setting refundUnusedVouchers)")
            .Produces<VoucherView>().WithResponseExample(200, RewardExamples.Voucher);

        app.MapGet("/v1/members/{id}/vouchers", ForMember).WithName("listMemberVouchers").WithTags("Vouchers").RequireScopesOrTheMember(Scopes.All)
            .AccessForAll(200, member: 404)
            .WithSummary("The member's vouchers and personal coupon codes, newest first")
            .WithDescription("status filters (issued, reserved, redeemed, expired, cancelled). Cursor-paginated: pass nextCursor back as cursor; "
                + $"limit 1 to Treu:Limits:MaxPageSize, default {DefaultPageSize}.")
            .Produces<VoucherPage>().WithResponseExample(200, RewardExamples.VoucherPage);
    }

    private static async Task<Results<Ok<VoucherValidationView>, ProblemHttpResult>> Validate(VoucherCheckRequest body, HttpContext http, ValidateVoucher validate,
        CancellationToken ct) =>
        (await validate.RunAsync(http.Caller(), body, ct)).ToOkOrProblem();

    private static async Task<Results<Ok<VoucherView>, ProblemHttpResult>> Get(string code, HttpContext http, VoucherCheck check, ProgramSettings programs, TimeProvider clock,
        CancellationToken ct)
    {
        var caller = http.Caller();
        var found = await check.FindAsync(caller, code, forUpdate: false, ct);
        return found.Failure is { } unknown
            ? Problems.For(unknown)
            : TypedResults.Ok(VoucherViews.Of(found.Value, clock.GetUtcNow().UtcDateTime, (await programs.GetAsync(caller.ProgramId, ct)).Currency));
    }

    private static async Task<IResult> Qr(string code, HttpContext http, VoucherCheck check, CancellationToken ct)
    {
        var found = await check.FindAsync(http.Caller(), code, forUpdate: false, ct);
        if (found.Failure is { } unknown)
        {
            return Problems.For(unknown);
        }

        // The picture of a code never changes: it may be kept as long as the client likes.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        http.Response.Headers.ETag = $"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(found.Value.Code)))[..32]}\"";
        return Results.Bytes(PngByteQRCodeHelper.GetQRCode(found.Value.Code, QRCodeGenerator.ECCLevel.M, 8), "image/png");
    }

    private static async Task<Results<KeptOk<VoucherView>, ProblemHttpResult>> Reserve(string code, VoucherCheckRequest body, HttpContext http, ReserveVoucher reserve,
        IdempotentWrites writes)
    {
        var order = await reserve.CheckAsync(http.Caller(), code, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.ChangeAsync(http, body, [], ct => reserve.RunAsync(order.Value, ct));
    }

    private static async Task<Results<KeptCreated<VoucherRedemptionView>, ProblemHttpResult>> Redeem(string code, VoucherCheckRequest body, HttpContext http,
        RedeemVoucher redeem, IdempotentWrites writes)
    {
        var order = await redeem.CheckAsync(http.Caller(), code, body, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.CreateSharedAsync(http, body, [order.Value.Receipt], order.Value.Group, ct => redeem.RunAsync(order.Value, ct));
    }

    private static async Task<Results<KeptOk<VoucherView>, ProblemHttpResult>> Cancel(string code, HttpContext http, CancelVoucher cancel, IdempotentWrites writes)
    {
        var order = await cancel.CheckAsync(http.Caller(), code, http.RequestAborted);
        if (order.Failure is { } invalid)
        {
            return Problems.For(invalid);
        }

        var group = order.Value.MemberId is { } member ? CommitGroup.ForMember(member) : CommitGroup.Any;
        return await writes.ChangeSharedAsync(http, new { code = order.Value.Code }, [], group, ct => cancel.RunAsync(order.Value, ct));
    }

    private static async Task<Results<Ok<VoucherPage>, ProblemHttpResult>> ForMember(string id, HttpContext http, TreuDbContext db, ProgramSettings programs,
        IOptions<LimitOptions> limits, TimeProvider clock, string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var caller = http.Caller();
        var max = limits.Value.MaxPageSize;
        var size = limit ?? Math.Min(DefaultPageSize, max);
        var check = new Validation();
        var wanted = check.OneOf<VoucherStatus>("status", status);
        if (size < 1 || size > max)
        {
            check.Add("limit", $"must be between 1 and {max}");
        }

        if (cursor is not null && (cursor.Length > 40 || !cursor.StartsWith("vch_", StringComparison.Ordinal)))
        {
            check.Add("cursor", "is not one this API handed out");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        if (!await db.Members.AnyAsync(m => m.ProgramId == caller.ProgramId && m.Id == id, ct))
        {
            return Problems.For(MemberErrors.NoSuchMember(id));
        }

        // A voucher's status is what it is now (an unused one past its date is expired, a lapsed hold is none), worked out from its
        // dates rather than stored: with a status asked for, the page reads on until it holds `size` of them. A member has few vouchers.
        var now = clock.GetUtcNow().UtcDateTime;
        var currency = (await programs.GetAsync(caller.ProgramId, ct)).Currency;
        var found = new List<(string Id, VoucherView View)>();
        var after = cursor;
        while (true)
        {
            // Ids are ordered by time: newest first is by id, and the last id seen is the cursor.
            var query = db.Vouchers.AsNoTracking().Where(v => v.ProgramId == caller.ProgramId && v.MemberId == id);
            if (after is not null)
            {
                query = query.Where(v => string.Compare(v.Id, after) < 0);
            }

            var batch = await query.OrderByDescending(v => v.Id).Take(size + 1).ToListAsync(ct);
            var campaignIds = batch.Where(v => v.CampaignId != null).Select(v => v.CampaignId!).Distinct().ToList();
            var campaigns = await db.CouponCampaigns.AsNoTracking().Where(c => c.ProgramId == caller.ProgramId && campaignIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var voucher in batch)
            {
                var view = VoucherViews.Of(new FoundCode(voucher.Code, voucher, voucher.CampaignId is { } c ? campaigns.GetValueOrDefault(c) : null), now, currency);
                if (wanted is null || view.Status == wanted)
                {
                    found.Add((voucher.Id, view));
                }
            }

            if (found.Count > size || batch.Count <= size)
            {
                break;
            }

            after = batch[^1].Id;
        }

        return TypedResults.Ok(new VoucherPage(found.Take(size).Select(f => f.View).ToList(), found.Count > size ? found[size - 1].Id : null));
    }
}
