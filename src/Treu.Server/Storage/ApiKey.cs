namespace Treu.Server.Storage;

/// <summary>An API key as stored: only the SHA-256 of the secret; the secret itself is shown once at creation.</summary>
public sealed class ApiKey
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string Name { get; set; }
    public required string Scope { get; set; }
    public string? StoreId { get; set; }

    /// <summary>The first characters of the key, so an operator can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// The answer given to an idempotent write, kept so a retry gets it again byte for byte.
/// Header keys expire (kept at least 24 hours); receipt ids do not (<see cref="ExpiresAt"/> null).
/// </summary>
public sealed class IdempotencyRecord
{
    public required string ProgramId { get; set; }
    public required string Scope { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    public int StatusCode { get; set; }
    public required string ResponseBody { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}

public sealed class PointsTransfer
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string FromMemberId { get; set; }
    public required string ToMemberId { get; set; }
    public long Points { get; set; }
    public required string Reason { get; set; }
    public required string Channel { get; set; }
    public required string Actor { get; set; }
    public DateTime CreatedAt { get; set; }
}
