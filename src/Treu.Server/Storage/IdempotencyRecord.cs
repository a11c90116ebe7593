namespace Treu.Server.Storage;

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
