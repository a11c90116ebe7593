namespace Treu.Server.Admin;

public sealed record CreateApiKeyRequest(string? Name, string? Scope, string? StoreId);

/// <summary>The key itself appears in this answer only; the server keeps its hash.</summary>
public sealed record CreatedApiKeyView(string Id, string Key, string Name, string Scope, string? StoreId, string Prefix, DateTime CreatedAt);

public sealed record ApiKeyView(string Id, string Name, string Scope, string? StoreId, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

public sealed record ProgramView(
    string Id, string Name, string Currency, string PointsName, decimal EarnRate, string EarnRounding, IReadOnlyList<string> ExcludedCategories,
    int PendingDays, int? ExpiryMonths, decimal PointValue, long MinRedemptionPoints, long? MaxRedemptionPoints, decimal MaxRedemptionShare,
    string ReturnPolicy, DateTime UpdatedAt);

/// <summary>Only the fields sent change. <c>expiryMonths: 0</c> means points never expire.</summary>
public sealed record UpdateProgramRequest(
    string? Name, string? PointsName, decimal? EarnRate, string? EarnRounding, string[]? ExcludedCategories, int? PendingDays, int? ExpiryMonths,
    decimal? PointValue, long? MinRedemptionPoints, long? MaxRedemptionPoints, decimal? MaxRedemptionShare, string? ReturnPolicy);
