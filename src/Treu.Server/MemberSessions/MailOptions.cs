namespace Treu.Server.MemberSessions;

/// <summary>The SMTP server Treu sends its own mail through (<c>Treu:Mail</c>): sign-in codes. No host, no mail.</summary>
public sealed class MailOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>STARTTLS when the server offers it (port 587), TLS from the start on port 465, none only for a local relay.</summary>
    public string Security { get; set; } = "auto";
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Treu <no-reply@localhost>";
}
