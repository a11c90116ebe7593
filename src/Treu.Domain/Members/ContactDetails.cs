using System.Net.Mail;
using System.Text.RegularExpressions;

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

public static partial class PhoneNumber
{
    /// <summary>E.164: a plus, the country code and up to 15 digits. Spaces, dashes, dots and brackets are dropped.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 32)
        {
            return null;
        }

        // "+49 (0)151 …": the trunk zero in brackets is dialled only within the country.
        var compact = Separators().Replace(TrunkZero().Replace(raw.Trim(), ""), "");
        if (compact.StartsWith("00", StringComparison.Ordinal))
        {
            compact = "+" + compact[2..];
        }

        return E164().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex(@"(?<=^\+\d{1,3})\s*\(0\)")]
    private static partial Regex TrunkZero();

    [GeneratedRegex(@"[\s\-\.\(\)/]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$")]
    private static partial Regex E164();
}

public static partial class CardNumber
{
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var compact = raw.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return Shape().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex("^[0-9A-Z]{6,32}$")]
    private static partial Regex Shape();
}
