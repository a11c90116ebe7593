using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>One SMTP connection per message: sign-in codes are few, and a held connection would only go stale.</summary>
public sealed class SmtpMailSender(IOptions<TreuOptions> options) : IMailSender
{
    private MailOptions Mail => options.Value.Mail;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Mail.Host);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        message.From.Add(MailboxAddress.Parse(Mail.From));
        using var client = new SmtpClient { Timeout = 15_000 };
        var security = Mail.Security switch
        {
            "starttls" => SecureSocketOptions.StartTls,
            "tls" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.Auto,
        };
        await client.ConnectAsync(Mail.Host ?? throw new InvalidOperationException("Treu:Mail:Host is not set."), Mail.Port, security, ct);
        if (!string.IsNullOrEmpty(Mail.UserName))
        {
            await client.AuthenticateAsync(Mail.UserName, Mail.Password ?? "", ct);
        }

        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
