using System.Collections.Concurrent;
using System.Globalization;
using Treu.Domain.Common;
using Treu.Domain.Tiers;

namespace Treu.Server.Tiers;

/// <summary>
/// An amount in the program's metric as a member reads it, in German and English: "noch 42,50 €" / "€42.50 more",
/// "noch 120 Punkte" / "120 more points", "noch 2 Einkäufe" / "2 more purchases".
/// </summary>
public static class TierTexts
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly ConcurrentDictionary<string, string> Symbols = new(StringComparer.Ordinal);

    public static LocalizedText More(QualifyingMetric metric, decimal amount, string currency, string pointsName) => metric switch
    {
        QualifyingMetric.QualifyingSpend => new($"noch {Money(amount, currency, German)}", $"{Money(amount, currency, English)} more"),
        QualifyingMetric.Purchases => new($"noch {Count(amount, German)} {(amount == 1 ? "Einkauf" : "Einkäufe")}",
            $"{Count(amount, English)} more {(amount == 1 ? "purchase" : "purchases")}"),
        _ => new($"noch {Count(amount, German)} Punkte", $"{Count(amount, English)} more {pointsName}"),
    };

    /// <summary>The amount itself: "1.450 Punkte" / "1,450 points", "42,50 €" / "€42.50", "3 Einkäufe" / "3 purchases".</summary>
    public static LocalizedText Amount(QualifyingMetric metric, decimal amount, string currency, string pointsName) => metric switch
    {
        QualifyingMetric.QualifyingSpend => new(Money(amount, currency, German), Money(amount, currency, English)),
        QualifyingMetric.Purchases => new($"{Count(amount, German)} {(amount == 1 ? "Einkauf" : "Einkäufe")}",
            $"{Count(amount, English)} {(amount == 1 ? "purchase" : "purchases")}"),
        _ => new($"{Count(amount, German)} Punkte", $"{Count(amount, English)} {pointsName}"),
    };

    private static string Count(decimal amount, CultureInfo culture) => amount.ToString("#,0", culture);

    /// <summary>German writes the symbol after the amount, English before it.</summary>
    private static string Money(decimal amount, string currency, CultureInfo culture)
    {
        var number = amount.ToString("N" + Currencies.MinorUnits(currency), culture);
        var symbol = Symbols.GetOrAdd(currency, SymbolOf);
        return culture == German ? $"{number} {symbol}" : symbol.Length == 1 ? $"{symbol}{number}" : $"{symbol} {number}";
    }

    /// <summary>The currency's symbol where a region that uses it has one of its own (€, £, $), else its code (CHF).</summary>
    private static string SymbolOf(string currency)
    {
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (region.ISOCurrencySymbol == currency && region.CurrencySymbol.Length == 1)
            {
                return region.CurrencySymbol;
            }
        }

        return currency;
    }
}
