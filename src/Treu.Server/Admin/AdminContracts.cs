namespace Treu.Server.Admin;

/// <param name="Scope">pos, ecommerce, app or admin.</param>
/// <param name="StoreId">Bind the key to one store: it records for that store only.</param>
public sealed record CreateApiKeyRequest(string? Name, string? Scope, string? StoreId = null);

/// <summary>The key itself appears in this answer only; the server keeps its hash.</summary>
public sealed record CreatedApiKeyView(string Id, string Key, string Name, string Scope, string? StoreId, string Prefix, DateTime CreatedAt);

public sealed record ApiKeyView(string Id, string Name, string Scope, string? StoreId, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

public sealed record ProgramView(
    string Id, string Name, string Currency, string PointsName, decimal EarnRate, string EarnRounding, IReadOnlyList<string> ExcludedCategories,
    int PendingDays, int? ExpiryMonths, decimal PointValue, long MinRedemptionPoints, long? MaxRedemptionPoints, decimal MaxRedemptionShare,
    string ReturnPolicy, DateTime UpdatedAt);

/// <summary>Only the fields sent change. <c>expiryMonths: 0</c> means points never expire.</summary>
public sealed record UpdateProgramRequest(
    string? Name = null, string? PointsName = null, decimal? EarnRate = null, string? EarnRounding = null, string[]? ExcludedCategories = null,
    int? PendingDays = null, int? ExpiryMonths = null, decimal? PointValue = null, long? MinRedemptionPoints = null, long? MaxRedemptionPoints = null,
    decimal? MaxRedemptionShare = null, string? ReturnPolicy = null);
