namespace Treu.Server.MemberSessions;

/// <summary>
/// A member signed in to the wallet or another client of their own: an access token that opens that member's data only,
/// and a refresh token that replaces both. The server keeps the tokens' SHA-256, never the tokens.
/// </summary>
public sealed class MemberSession
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string AccessHash { get; set; }
    public DateTime AccessExpiresAt { get; set; }
    public required string RefreshHash { get; set; }
    public DateTime RefreshExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>How the member signed in: <c>code:email</c>, <c>code:sms</c>, or the key of the integration that vouched for them.</summary>
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
}
