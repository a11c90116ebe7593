using System.Text.RegularExpressions;

namespace Treu.Domain.Members;

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
