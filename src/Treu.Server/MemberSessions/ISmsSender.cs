namespace Treu.Server.MemberSessions;

/// <summary>
/// Sends a text message through an SMS gateway. Treu ships none, because every operator has their own contract: register
/// an implementation in the host to let members sign in by phone; without one a code by SMS is refused
/// (<c>sign_in_channel_unavailable</c>).
/// </summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}
