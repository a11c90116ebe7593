using System.ComponentModel.DataAnnotations;
using Treu.Domain.Programs;
using Treu.Server.Hosting;

namespace Treu.Server.Admin;

/// <param name="Scope">pos, ecommerce, app or admin.</param>
/// <param name="StoreId">Bind the key to one store: it records for that store only.</param>
public sealed record CreateApiKeyRequest(
    [property: MaxLength(100)] string? Name,
    [property: AllowedValues(Scopes.Pos, Scopes.Ecommerce, Scopes.App, Scopes.Admin)] string? Scope,
    [property: MaxLength(64)] string? StoreId = null);

/// <summary>The key itself appears in this answer only; the server keeps its hash.</summary>
public sealed record CreatedApiKeyView(
    string Id, string Key, string Name,
    [property: AllowedValues(Scopes.Pos, Scopes.Ecommerce, Scopes.App, Scopes.Admin)] string Scope,
    string? StoreId, string Prefix, DateTime CreatedAt);

public sealed record ApiKeyView(
    string Id, string Name,
    [property: AllowedValues(Scopes.Pos, Scopes.Ecommerce, Scopes.App, Scopes.Admin)] string Scope,
    string? StoreId, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <param name="BrandColour">The program's colour in the web faces (#rrggbb).</param>
/// <param name="Logo">The logo in the web faces' header, a data: URI (PNG, JPEG, WebP or SVG); null for none.</param>
/// <param name="SupportAdjustmentLimit">The most points a person in the support role may credit or debit in one adjustment.</param>
public sealed record ProgramView(
    string Id, string Name, string Currency, string PointsName, decimal EarnRate,
    [property: EnumValues(typeof(PointsRounding))] string EarnRounding, IReadOnlyList<string> ExcludedCategories,
    int PendingDays, int? ExpiryMonths, decimal PointValue, long MinRedemptionPoints, long? MaxRedemptionPoints, decimal MaxRedemptionShare,
    [property: EnumValues(typeof(SpentPointsReturnPolicy))] string ReturnPolicy, bool RefundUnusedVouchers, string BrandColour, string? Logo, long SupportAdjustmentLimit,
    DateTime UpdatedAt);

/// <summary>Only the fields sent change. <c>expiryMonths: 0</c> means points never expire; <c>logo: ""</c> removes the logo.</summary>
/// <param name="RefundUnusedVouchers">Whether a reward voucher that expires or is cancelled unused gives its points back.</param>
public sealed record UpdateProgramRequest(
    [property: MaxLength(100)] string? Name = null,
    [property: MaxLength(30)] string? PointsName = null,
    [property: Range(0, 1000)] decimal? EarnRate = null,
    [property: EnumValues(typeof(PointsRounding))] string? EarnRounding = null,
    [property: MaxLength(100)] string[]? ExcludedCategories = null,
    [property: Range(0, 365)] int? PendingDays = null,
    [property: Range(0, 120)] int? ExpiryMonths = null,
    [property: Range(0.0001, 100)] decimal? PointValue = null,
    [property: Range(0, 1_000_000_000)] long? MinRedemptionPoints = null,
    [property: Range(1, 1_000_000_000)] long? MaxRedemptionPoints = null,
    [property: Range(0, 1)] decimal? MaxRedemptionShare = null,
    [property: EnumValues(typeof(SpentPointsReturnPolicy))] string? ReturnPolicy = null,
    bool? RefundUnusedVouchers = null,
    [property: RegularExpression("^#[0-9a-fA-F]{6}$")] string? BrandColour = null,
    [property: MaxLength(ProgramAdmin.MaxLogoLength)] string? Logo = null,
    [property: Range(0, 1_000_000)] long? SupportAdjustmentLimit = null);
