using Treu.Domain.Common;

namespace Treu.Server.MemberSessions;

public static class MemberSessionErrors
{
    /// <summary>A refresh token that is unknown, already used, expired, or of a session that was ended.</summary>
    public static readonly ErrorCode SessionEnded = new("session_ended", FailureKind.Unauthenticated);

    /// <summary>The program sends no codes this way (no SMTP server, or no SMS gateway, configured).</summary>
    public static readonly ErrorCode SignInChannelUnavailable = new("sign_in_channel_unavailable", FailureKind.Refused);

    /// <summary>The mail or SMS server did not take the code: an outage, worth a retry.</summary>
    public static readonly ErrorCode CodeNotSent = new("code_not_sent", FailureKind.Unavailable);
}
