using System.ComponentModel.DataAnnotations;

namespace Treu.Server.MemberSessions;

/// <param name="ProgramId">The program the member belongs to: the client has no key that would say it.</param>
/// <param name="Email">Where to send the code; exactly one of email and phone.</param>
/// <param name="Phone">The number to text the code to, in E.164 form (+491701234567).</param>
public sealed record RequestSignInCodeRequest([property: MaxLength(64)] string? ProgramId, [property: MaxLength(254)] string? Email, [property: MaxLength(20)] string? Phone);

/// <param name="Channel">How the code goes out, if the member exists: <c>email</c> or <c>sms</c>.</param>
/// <param name="ExpiresAt">When a code sent now stops working.</param>
public sealed record SignInCodeRequested(string Channel, DateTime ExpiresAt);

/// <param name="OneTimeCode">The six digits from the e-mail or text message.</param>
public sealed record SignInWithCodeRequest(
    [property: MaxLength(64)] string? ProgramId,
    [property: MaxLength(254)] string? Email,
    [property: MaxLength(20)] string? Phone,
    [property: MaxLength(6), MinLength(6)] string? OneTimeCode);

public sealed record RefreshMemberSessionRequest([property: MaxLength(100)] string? RefreshToken);

/// <summary>A member session's tokens, shown once. Send the access token as <c>Authorization: Bearer …</c>.</summary>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="RefreshToken">Exchange it for a new pair (<c>POST /v1/member-sessions/refresh</c>) before the access token expires; each is used once.</param>
public sealed record MemberSessionView(
    string SessionId,
    string MemberId,
    string TokenType,
    string AccessToken,
    DateTime AccessTokenExpiresAt,
    string RefreshToken,
    DateTime RefreshTokenExpiresAt);

/// <param name="Ended">How many sessions ended (0 when none was open).</param>
public sealed record MemberSessionsEnded(int Ended);
