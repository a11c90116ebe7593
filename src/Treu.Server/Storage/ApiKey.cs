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
