using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>The loyalty manager's side of coupon campaigns: created as drafts, edited, switched on and off, with their figures.</summary>
public sealed class CouponAdmin(TreuDbContext db, RuleAdmin audit)
{
    public static Validation Check(CouponRequest body, bool create)
    {
        var check = new Validation().Require("name", body.Name, 100).MaxLength("description", body.Description, 1000).MaxLength("terms", body.Terms, 2000);
        if (create && body.Id is not null && !RuleAdmin.IsSlug(body.Id))
        {
            check.Add("id", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }

        switch (body.Kind)
        {
            case null or BenefitKind.StoreCredit or BenefitKind.Entitlement:
                check.Add("kind", "is required: amount_off, percent_off or free_item");
                break;
            case BenefitKind.AmountOff when body.Amount is not > 0:
                check.Add("amount", "is required for amount_off: more than 0");
                break;
            case BenefitKind.PercentOff when body.Percent is not (> 0 and <= 100):
                check.Add("percent", "is required for percent_off: more than 0, at most 100");
                break;
            case BenefitKind.FreeItem when (body.Sku is null) == (body.Category is null):
                check.Add("sku", "a free_item names either a sku or a category");
                break;
        }

        foreach (var (field, value) in new[] { ("amount", body.Amount), ("maxDiscount", body.MaxDiscount), ("minBasket", body.MinBasket), ("budget", body.Budget) })
        {
            if (value is { } v && (v < 0 || v * 100 != decimal.Truncate(v * 100)))
            {
                check.Add(field, "must be at least 0, with at most 2 decimal places");
            }
        }

        if (body.PublicCode is { } code && (VoucherCode.Compact(code) is not { Length: >= 3 and <= 32 } compact || compact != code.ToUpperInvariant()
                || VoucherCode.Read(compact).Shape != VoucherCode.Shape.NotACode))
        {
            check.Add("publicCode", "must be 3 to 32 letters and digits, not shaped like a voucher code (PREFIX-XXXX-XXXX-XXXX)");
        }

        if (body.CodePrefix is { } prefix && !VoucherCode.IsPrefix(prefix.ToUpperInvariant()))
        {
            check.Add("codePrefix", "must be 2 to 8 letters and digits");
        }

        if (body.ValidFrom is { } from && body.ValidTo is { } to && to <= from)
        {
            check.Add("validTo", "must be after validFrom");
        }

        if (body.Channels?.Any(c => c is null || !Channels.Known.Contains(c)) == true)
        {
            check.Add("channels", $"each must be one of {string.Join(", ", Channels.Known)}");
        }

        foreach (var (field, values) in new[] { ("categories", body.Categories), ("skus", body.Skus), ("stores", body.Stores) })
        {
            if (values?.Any(v => string.IsNullOrWhiteSpace(v) || v.Length > 64) == true)
            {
                check.Add(field, "each must be 1 to 64 characters");
            }
        }

        check.Range("maxRedemptions", body.MaxRedemptions, 1, 100_000_000).Range("percent", body.Percent, 0, 100);
        return check;
    }

    private static void Apply(CouponCampaign campaign, CouponRequest body)
    {
        campaign.Name = body.Name!.Trim();
        campaign.Description = body.Description;
        campaign.Terms = body.Terms;
        campaign.Kind = body.Kind!.Value;
        (campaign.Amount, campaign.Percent, campaign.MaxDiscount) = (body.Amount, body.Percent, body.MaxDiscount);
        campaign.Sku = string.IsNullOrWhiteSpace(body.Sku) ? null : body.Sku.Trim();
        campaign.Category = string.IsNullOrWhiteSpace(body.Category) ? null : body.Category.Trim().ToLowerInvariant();
        campaign.PublicCode = body.PublicCode?.ToUpperInvariant();
        campaign.CodePrefix = body.CodePrefix?.ToUpperInvariant() ?? "CPN";
        campaign.MinBasket = body.MinBasket;
        campaign.Categories = body.Categories?.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList() ?? [];
        campaign.Skus = body.Skus?.Select(s => s.Trim()).Distinct().ToList() ?? [];
        campaign.FirstPurchaseOnly = body.FirstPurchaseOnly ?? false;
        campaign.OncePerMember = body.OncePerMember ?? false;
        campaign.MembersOnly = body.MembersOnly ?? false;
        campaign.MaxRedemptions = body.MaxRedemptions;
        campaign.Budget = body.Budget;
        campaign.Channels = body.Channels?.Distinct().ToList() ?? [];
        campaign.Stores = body.Stores?.Select(s => s.Trim()).Distinct().ToList() ?? [];
        campaign.ValidFrom = RewardAdmin.Utc(body.ValidFrom);
        campaign.ValidTo = RewardAdmin.Utc(body.ValidTo);
    }

    public async Task<Result<CouponView>> CreateAsync(Caller caller, CouponRequest body, DateTime now, CancellationToken ct)
    {
        var id = body.Id ?? Ids.New("cpn");
        if (await db.CouponCampaigns.AnyAsync(c => c.ProgramId == caller.ProgramId && c.Id == id, ct))
        {
            return CouponErrors.Exists.With($"A coupon campaign '{id}' exists already.", "id");
        }

        var campaign = new CouponCampaign
        {
            Id = id,
            ProgramId = caller.ProgramId,
            Name = "",
            Status = RewardStatus.Draft,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = caller.Actor,
        };
        Apply(campaign, body);
        if (await CodeTakenAsync(campaign, ct) is { } taken)
        {
            return taken;
        }

        db.CouponCampaigns.Add(campaign);
        audit.Audit(caller, "coupon.created", "coupon", id, body);
        return View(campaign, now);
    }

    public async Task<Result<CouponView>> UpdateAsync(Caller caller, string id, CouponRequest body, DateTime now, CancellationToken ct)
    {
        var campaign = await db.Dialect.LockCouponCampaignAsync(db, caller.ProgramId, id, ct);
        if (campaign is null)
        {
            return NotFound(id);
        }

        var hadPublicCode = campaign.PublicCode is not null;
        Apply(campaign, body);
        if (campaign.CodesIssued > 0 && campaign.PublicCode is not null)
        {
            return CouponErrors.HasUniqueCodes.With("This campaign has handed out unique codes: it cannot get a public code too.", "publicCode");
        }

        if (hadPublicCode != (campaign.PublicCode is not null) || campaign.PublicCode is not null)
        {
            if (await CodeTakenAsync(campaign, ct) is { } taken)
            {
                return taken;
            }
        }

        campaign.UpdatedAt = now;
        campaign.UpdatedBy = caller.Actor;
        audit.Audit(caller, "coupon.updated", "coupon", id, body);
        return View(campaign, now);
    }

    public async Task<Result<CouponView>> SetStatusAsync(Caller caller, string id, string status, DateTime now, CancellationToken ct)
    {
        var campaign = await db.Dialect.LockCouponCampaignAsync(db, caller.ProgramId, id, ct);
        if (campaign is null)
        {
            return NotFound(id);
        }

        if (campaign.Status != status)
        {
            audit.Audit(caller, status == RewardStatus.Active ? "coupon.activated" : "coupon.deactivated", "coupon", id, new { from = campaign.Status, to = status });
            campaign.Status = status;
            campaign.UpdatedAt = now;
            campaign.UpdatedBy = caller.Actor;
        }

        return View(campaign, now);
    }

    /// <summary>The program's campaigns with their figures, newest first (a program has dozens, not thousands: at most 1,000).</summary>
    public async Task<IReadOnlyList<CouponView>> ListAsync(string programId, DateTime now, CancellationToken ct)
    {
        var campaigns = await db.CouponCampaigns.AsNoTracking().Where(c => c.ProgramId == programId)
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id).Take(1000).ToListAsync(ct);
        return campaigns.Select(c => View(c, now)).ToList();
    }

    /// <summary>A few of a campaign's unique codes, to see what they look like and how they are used (all of them: the CSV export).</summary>
    public async Task<IReadOnlyList<CouponCodeView>> CodesAsync(string programId, string id, int limit, DateTime now, CancellationToken ct)
    {
        var validTo = await db.CouponCampaigns.AsNoTracking().Where(c => c.ProgramId == programId && c.Id == id).Select(c => c.ValidTo).FirstOrDefaultAsync(ct);
        // Read through the (program, campaign) index as it comes, not sorted: a campaign can hold millions of codes.
        var codes = await db.Vouchers.AsNoTracking().Where(v => v.ProgramId == programId && v.CampaignId == id).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);
        return codes.Select(v => new CouponCodeView(v.Code, Json.SnakeCase(v.StatusAt(now, v.ValidTo ?? validTo).ToString()), v.MemberId is not null,
            v.ValidTo ?? validTo, v.RedeemedAt)).ToList();
    }

    private async Task<Failure?> CodeTakenAsync(CouponCampaign campaign, CancellationToken ct) =>
        campaign.PublicCode is { } code && await db.CouponCampaigns.AnyAsync(c => c.ProgramId == campaign.ProgramId && c.PublicCode == code && c.Id != campaign.Id, ct)
            ? CouponErrors.CodeTaken.With($"Another campaign of this program uses the code {code}.", "publicCode")
            : null;

    public static CouponView View(CouponCampaign c, DateTime now, string currency = "EUR") => new(c.Id, c.Name, c.Description, c.Terms, c.Status,
        c.Refuses(now, c.Channels.FirstOrDefault() ?? "store", c.Stores.FirstOrDefault(), hasMember: true) is null,
        VoucherViews.Of(c.Benefit, c.MinBasket, currency), c.PublicCode, c.CodePrefix, c.Categories, c.Skus, c.FirstPurchaseOnly, c.OncePerMember, c.MembersOnly,
        c.MaxRedemptions, c.Budget, c.Channels, c.Stores, c.ValidFrom, c.ValidTo,
        new CouponStats(c.CodesIssued, c.Redemptions, c.DiscountGiven, c.MaxRedemptions is { } max ? Math.Max(max - c.Redemptions, 0) : null,
            c.Budget is { } budget ? Math.Max(budget - c.DiscountGiven, 0) : null),
        c.CreatedAt, c.UpdatedAt, c.UpdatedBy);

    public static Failure NotFound(string id) => CouponErrors.NotFound.With($"No coupon campaign '{RedeemReward.Shorten(id)}' in this program.");
}
