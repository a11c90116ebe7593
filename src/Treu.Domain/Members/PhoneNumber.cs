using System.Text.RegularExpressions;

namespace Treu.Domain.Members;

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
