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

    /// <summary>How the countries that use each currency write its amounts: EUR 2 decimal places, JPY 0, KWD 3.</summary>
    private static readonly FrozenDictionary<string, int> DecimalsByCode = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => (Region: TryRegion(c), c.NumberFormat.CurrencyDecimalDigits))
        .Where(c => c.Region is not null)
        .GroupBy(c => c.Region!.ISOCurrencySymbol, c => c.CurrencyDecimalDigits, StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.GroupBy(d => d).MaxBy(d => d.Count())!.Key, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    /// <summary>Decimal places of the currency's smallest unit (its minor unit): 2 for EUR (cents), 0 for JPY; 2 when unknown.</summary>
    public static int MinorUnits(string code) => DecimalsByCode.GetValueOrDefault(code, 2);

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
