using MimeKit;

namespace Treu.Server.MemberSessions;

/// <summary>Sends Treu's own mail (<see cref="SmtpMailSender"/> through the SMTP server of <c>Treu:Mail</c>).</summary>
public interface IMailSender
{
    /// <summary>Whether a server is configured; without one nothing can be sent.</summary>
    bool IsConfigured { get; }

    Task SendAsync(MimeMessage message, CancellationToken ct);
}
