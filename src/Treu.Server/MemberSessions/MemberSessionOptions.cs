namespace Treu.Server.MemberSessions;

/// <summary>Lifetimes of a member's sign-in (<c>Treu:MemberSessions</c>).</summary>
public sealed class MemberSessionOptions
{
    /// <summary>An access token is short-lived, so that a stolen one is of little use; the client refreshes it.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a member stays signed in without using the client; every refresh starts it again.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong guesses after which a code is void: six digits and five guesses give one chance in 200,000.</summary>
    public int CodeGuesses { get; set; } = 5;

    /// <summary>Codes sent to one member per hour; more requests are answered alike but send nothing (no mail bombing).</summary>
    public int CodesPerHour { get; set; } = 5;
}
