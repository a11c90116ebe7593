using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Server.Admin;

public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1/admin").RequireScopes(Scopes.Admin);

        var keys = admin.MapGroup("/api-keys").WithTags("API keys");
        keys.MapPost("", CreateKey).WithName("createApiKey").AccessForAdmin(201).WithSummary("Create an API key; the key is shown once, in this answer")
            .Produces<CreatedApiKeyView>(201).WithRequestExample(Examples.CreateKey).WithResponseExample(201, Examples.CreatedKey);
        keys.MapGet("", ListKeys)
            .WithName("listApiKeys")
            .AccessForAdmin(200)
            .WithSummary("List API keys (never their secrets)")
            .Produces<ApiKeyView[]>()
            .WithResponseExample(200, Examples.KeyList);
        keys.MapDelete("/{id}", RevokeKey).WithName("revokeApiKey").AccessForAdmin(204).WithSummary("Revoke an API key").Produces(204);

        var program = admin.MapGroup("/program").WithTags("Program");
        program.MapGet("", GetProgram)
            .WithName("getProgram")
            .AccessForAdmin(200)
            .WithSummary("The program's settings")
            .Produces<ProgramView>()
            .WithResponseExample(200, Examples.Program);
        program.MapPatch("", UpdateProgram)
            .WithName("updateProgram")
            .AccessForAdmin(200)
            .WithSummary("Change the program's earn rate, pending days, expiry, redemption limits, return policy …")
            .Produces<ProgramView>()
            .WithRequestExample(Examples.UpdateProgram)
            .WithResponseExample(200, Examples.Program);

        admin.MapPost("/jobs/{name}/run", RunJob).WithName("runJob").AccessForAdmin(200).WithTags("Operations")
            .WithSummary($"Run a background job now: {string.Join(", ", JobNames)}").Produces<JobRun>().WithResponseExample(200, Examples.JobRun);
    }

    private static async Task<IResult> CreateKey(CreateApiKeyRequest body, HttpContext http, TreuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var check = new Validation().Require("name", body.Name, 100).Require("scope", body.Scope, 20).MaxLength("storeId", body.StoreId, 64);
        if (body.Scope is not null && !Scopes.All.Contains(body.Scope))
        {
            check.Add("scope", $"must be one of {string.Join(", ", Scopes.All)}");
        }

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var secret = ApiKeySecrets.New();
        var key = new ApiKey
        {
            Id = Ids.New("key"),
            ProgramId = caller.ProgramId,
            Name = body.Name!.Trim(),
            Scope = body.Scope!,
            StoreId = string.IsNullOrWhiteSpace(body.StoreId) ? null : body.StoreId.Trim(),
            Prefix = ApiKeySecrets.PrefixOf(secret),
            SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            CreatedBy = caller.Actor,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/v1/admin/api-keys/{key.Id}", new CreatedApiKeyView(key.Id, secret, key.Name, key.Scope, key.StoreId, key.Prefix, key.CreatedAt));
    }

    private static async Task<IResult> ListKeys(HttpContext http, TreuDbContext db, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.ProgramId == programId).OrderBy(k => k.CreatedAt).Take(1000)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Scope, k.StoreId, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);
        return Results.Ok(keys);
    }

    private static async Task<IResult> RevokeKey(string id, HttpContext http, TreuDbContext db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.ProgramId == caller.ProgramId && k.Id == id, ct);
        if (key is null)
        {
            return Problems.For(AdminErrors.ApiKeyNotFound.With("No such API key in this program."));
        }

        key.RevokedAt ??= Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        ApiKeyAuthentication.Forget(cache, key.SecretHash);
        return Results.NoContent();
    }

    private static async Task<IResult> GetProgram(HttpContext http, TreuDbContext db, CancellationToken ct) =>
        Results.Ok(View(await db.Programs.AsNoTracking().SingleAsync(p => p.Id == http.Caller().ProgramId, ct)));

    private static async Task<IResult> UpdateProgram(
        UpdateProgramRequest body, HttpContext http, TreuDbContext db, ProgramSettings settings, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.Caller();
        var check = new Validation().MaxLength("name", body.Name, 100).MaxLength("pointsName", body.PointsName, 30)
            .Range("earnRate", body.EarnRate, 0, 1000).Range("pendingDays", body.PendingDays, 0, 365).Range("expiryMonths", body.ExpiryMonths, 0, 120)
            .Range("pointValue", body.PointValue, 0.0001m, 100).Range("minRedemptionPoints", body.MinRedemptionPoints, 0, 1_000_000_000)
            .Range("maxRedemptionPoints", body.MaxRedemptionPoints, 1, 1_000_000_000).Range("maxRedemptionShare", body.MaxRedemptionShare, 0, 1)
            .Range("supportAdjustmentLimit", body.SupportAdjustmentLimit, 0, 1_000_000).MaxLength("logo", body.Logo, MaxLogoLength);
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

        if (!check.IsValid)
        {
            return check.ToProblem();
        }

        var program = await db.Programs.SingleAsync(p => p.Id == caller.ProgramId, ct);
        program.Name = body.Name?.Trim() ?? program.Name;
        program.PointsName = body.PointsName?.Trim() ?? program.PointsName;
        program.EarnRate = body.EarnRate ?? program.EarnRate;
        program.EarnRounding = rounding ?? program.EarnRounding;
        program.ExcludedCategories = body.ExcludedCategories?.Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList() ?? program.ExcludedCategories;
        program.PendingDays = body.PendingDays ?? program.PendingDays;
        program.ExpiryMonths = body.ExpiryMonths is { } months ? (months == 0 ? null : months) : program.ExpiryMonths;
        program.PointValue = body.PointValue ?? program.PointValue;
        program.MinRedemptionPoints = body.MinRedemptionPoints ?? program.MinRedemptionPoints;
        program.MaxRedemptionPoints = body.MaxRedemptionPoints ?? program.MaxRedemptionPoints;
        program.MaxRedemptionShare = body.MaxRedemptionShare ?? program.MaxRedemptionShare;
        program.ReturnPolicy = policy ?? program.ReturnPolicy;
        program.RefundUnusedVouchers = body.RefundUnusedVouchers ?? program.RefundUnusedVouchers;
        program.BrandColour = body.BrandColour?.ToLowerInvariant() ?? program.BrandColour;
        program.Logo = body.Logo is { } newLogo ? (newLogo.Length == 0 ? null : newLogo) : program.Logo;
        program.SupportAdjustmentLimit = body.SupportAdjustmentLimit ?? program.SupportAdjustmentLimit;
        program.UpdatedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        settings.Forget(program.Id);
        return Results.Ok(View(program));
    }

    private static readonly string[] JobNames = [.. LotJobs.Names, TierReview.Name, VoucherExpiry.Name, Figures.FiguresRollUp.JobName];

    private static async Task<IResult> RunJob(string name, IServiceProvider services, CancellationToken ct) => name switch
    {
        TierReview.Name => Results.Ok(await services.GetRequiredService<TierReview>().RunAsync(ct)),
        VoucherExpiry.Name => Results.Ok(await services.GetRequiredService<VoucherExpiry>().RunAsync(ct)),
        Figures.FiguresRollUp.JobName => Results.Ok(await services.GetRequiredService<Figures.FiguresRollUp>().RunAsync(ct)),
        _ when LotJobs.Names.Contains(name) => Results.Ok(await services.GetRequiredService<LotJobs>().RunAsync(name, ct)),
        _ => Problems.For(AdminErrors.JobNotFound.With($"No job '{(name.Length > 40 ? name[..40] : name)}'. Jobs: {string.Join(", ", JobNames)}.")),
    };

    private static ProgramView View(LoyaltyProgram p) => new(p.Id, p.Name, p.Currency, p.PointsName, p.EarnRate, Json.SnakeCase(p.EarnRounding.ToString()),
        p.ExcludedCategories, p.PendingDays, p.ExpiryMonths, p.PointValue, p.MinRedemptionPoints, p.MaxRedemptionPoints, p.MaxRedemptionShare,
        Json.SnakeCase(p.ReturnPolicy.ToString()), p.RefundUnusedVouchers, p.BrandColour, p.Logo, p.SupportAdjustmentLimit, p.UpdatedAt);

    /// <summary>A logo of up to about 150 KB (as base64): enough for a header's logo, small enough to send with every page.</summary>
    public const int MaxLogoLength = 200_000;

    private static readonly string[] LogoTypes = ["image/png", "image/jpeg", "image/webp", "image/svg+xml"];
}
