using System.Collections.Frozen;
using System.Globalization;

namespace Treu.Domain.Common;

/// <summary>ISO 4217 codes the platform accepts, taken from the ICU data of every region the runtime knows.</summary>
public static class Currencies
{
    private static readonly FrozenSet<string> Known = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(TryRegion)
        .Where(r => r is not null)
        .Select(r => r!.ISOCurrencySymbol)
        .Where(c => c.Length == 3 && c.All(char.IsAsciiLetterUpper))
        .Concat(["EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK"])
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    private static RegionInfo? TryRegion(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
