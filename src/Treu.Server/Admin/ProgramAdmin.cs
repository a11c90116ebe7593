using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Admin;

/// <summary>
/// The program's settings and brand, read and changed from the API and from the console alike: the request checked as a
/// whole (every field's message at once, nothing changed), then applied, written to the audit trail, and forgotten by this
/// node's cache of programs so that the next purchase and the next page see it.
/// </summary>
public sealed class ProgramAdmin(TreuDbContext db, AuditTrail audit, ProgramSettings settings, TimeProvider clock)
{
    /// <summary>A logo of up to about 150 KB (as base64): enough for a header's logo, small enough to send with every page.</summary>
    public const int MaxLogoLength = 200_000;

    public static readonly string[] LogoTypes = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"];

    public sealed record Order(Caller Caller, UpdateProgramRequest Request, PointsRounding? Rounding, SpentPointsReturnPolicy? Policy);

    public async Task<ProgramView> GetAsync(string programId, CancellationToken ct) =>
        View(await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, ct));

    public static Result<Order> Check(Caller caller, UpdateProgramRequest body)
    {
        var check = new Validation().MaxLength("name", body.Name, 100).MaxLength("pointsName", body.PointsName, 30)
            .Range("earnRate", body.EarnRate, 0, 1000).Range("pendingDays", body.PendingDays, 0, 365).Range("expiryMonths", body.ExpiryMonths, 0, 120)
            .Range("pointValue", body.PointValue, 0.0001m, 100).Range("minRedemptionPoints", body.MinRedemptionPoints, 0, 1_000_000_000)
            .Range("maxRedemptionPoints", body.MaxRedemptionPoints, 1, 1_000_000_000).Range("maxRedemptionShare", body.MaxRedemptionShare, 0, 1)
            .Range("supportAdjustmentLimit", body.SupportAdjustmentLimit, 0, 1_000_000).MaxLength("logo", body.Logo, MaxLogoLength);
        if (body.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            check.Add("name", "must not be empty");
        }

        if (body.PointsName is { } pointsName && string.IsNullOrWhiteSpace(pointsName))
        {
            check.Add("pointsName", "must not be empty");
        }

        var rounding = check.OneOf<PointsRounding>("earnRounding", body.EarnRounding);
        var policy = check.OneOf<SpentPointsReturnPolicy>("returnPolicy", body.ReturnPolicy);
        if (body.ExcludedCategories is { Length: > 100 } || body.ExcludedCategories?.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 64) == true)
        {
            check.Add("excludedCategories", "at most 100 categories of 1 to 64 characters");
        }

        if (body.BrandColour is not null && Web.Shared.Colours.Parse(body.BrandColour) is null)
        {
            check.Add("brandColour", "must be a colour as #rrggbb");
        }

        // A logo is shown as an image's source on every page: only images, inline, so that it can neither run script nor reach another site.
        if (body.Logo is { Length: > 0 } logo && !LogoTypes.Any(type => logo.StartsWith($"data:{type};base64,", StringComparison.Ordinal)))
        {
            check.Add("logo", $"must be a data: URI of an image ({string.Join(", ", LogoTypes)}), base64-encoded");
        }

        return check.ToFailure() is { } invalid ? invalid : new Order(caller, body, rounding, policy);
    }

    public async Task<Result<ProgramView>> RunAsync(Order order, CancellationToken ct)
    {
        var body = order.Request;
        var program = await db.Programs.SingleAsync(p => p.Id == order.Caller.ProgramId, ct);
        program.Name = body.Name?.Trim() ?? program.Name;
        program.PointsName = body.PointsName?.Trim() ?? program.PointsName;
        program.EarnRate = body.EarnRate ?? program.EarnRate;
        program.EarnRounding = order.Rounding ?? program.EarnRounding;
        program.ExcludedCategories = body.ExcludedCategories?.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList() ?? program.ExcludedCategories;
        program.PendingDays = body.PendingDays ?? program.PendingDays;
        program.ExpiryMonths = body.ExpiryMonths is { } months ? (months == 0 ? null : months) : program.ExpiryMonths;
        program.PointValue = body.PointValue ?? program.PointValue;
        program.MinRedemptionPoints = body.MinRedemptionPoints ?? program.MinRedemptionPoints;
        program.MaxRedemptionPoints = body.MaxRedemptionPoints ?? program.MaxRedemptionPoints;
        program.MaxRedemptionShare = body.MaxRedemptionShare ?? program.MaxRedemptionShare;
        program.ReturnPolicy = order.Policy ?? program.ReturnPolicy;
        program.RefundUnusedVouchers = body.RefundUnusedVouchers ?? program.RefundUnusedVouchers;
        program.BrandColour = body.BrandColour?.ToLowerInvariant() ?? program.BrandColour;
        program.Logo = body.Logo is { } newLogo ? (newLogo.Length == 0 ? null : newLogo) : program.Logo;
        program.SupportAdjustmentLimit = body.SupportAdjustmentLimit ?? program.SupportAdjustmentLimit;
        program.UpdatedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        // The logo itself would swell every entry; whether it changed is what the trail needs.
        audit.Record(order.Caller, "program.updated", "program", program.Id, new { changes = body with { Logo = null }, logoChanged = body.Logo is not null });
        settings.Forget(program.Id);
        return View(program);
    }

    private static ProgramView View(LoyaltyProgram p) => new(p.Id, p.Name, p.Currency, p.PointsName, p.EarnRate, Json.SnakeCase(p.EarnRounding.ToString()),
        p.ExcludedCategories, p.PendingDays, p.ExpiryMonths, p.PointValue, p.MinRedemptionPoints, p.MaxRedemptionPoints, p.MaxRedemptionShare,
        Json.SnakeCase(p.ReturnPolicy.ToString()), p.RefundUnusedVouchers, p.BrandColour, p.Logo, p.SupportAdjustmentLimit, p.UpdatedAt);
}
