using System.Net.Mail;

namespace Treu.Domain.Members;

public static partial class EmailAddress
{
    /// <summary>Trimmed and lower-cased, so one shopper cannot enrol twice as Anna@x.de and anna@x.de.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var email = raw.Trim().ToLowerInvariant();
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal))
        {
            return null;
        }

        return email;
    }
}
