namespace Treu.Server.MemberSessions;

/// <summary>
/// A one-time code sent to a member's e-mail address or phone. Only its hash is kept; it is spent by the first right
/// guess and void after too many wrong ones, after its lifetime, or once a newer code is sent.
/// </summary>
public sealed class MemberSignInCode
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string CodeHash { get; set; }

    /// <summary><c>email</c> or <c>sms</c>.</summary>
    public required string Channel { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public int WrongGuesses { get; set; }
    public DateTime? UsedAt { get; set; }
}
