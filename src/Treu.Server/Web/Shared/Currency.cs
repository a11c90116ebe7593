using System.Globalization;

namespace Treu.Server.Web.Shared;

/// <summary>Money in the program's currency, written the way the page's language writes money.</summary>
public static class Currency
{
    public static CultureInfo For(string currency)
    {
        var culture = (CultureInfo)CultureInfo.CurrentCulture.Clone();
        culture.NumberFormat.CurrencySymbol = currency switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            "CHF" => "CHF",
            _ => currency,
        };
        return culture;
    }
}
