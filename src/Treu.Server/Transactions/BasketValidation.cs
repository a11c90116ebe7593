using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <summary>
/// The limits on a basket: what a real till could send, and nothing that could overflow a sum or vanish in rounding.
/// A quantity has at most three decimals (grams of a kilo), from 0.001; money has at most the currency's minor unit
/// (cents for EUR), because amounts are kept to the cent; and a line with a price comes to at least one minor unit, so
/// that no quantity of 0.0000001 records a purchase worth nothing.
/// </summary>
public static class BasketValidation
{
    public const decimal MaxQuantity = 100_000m;
    public const decimal MinQuantity = 0.001m;
    public const int QuantityDecimals = 3;
    public const decimal MaxUnitPrice = 1_000_000m;
    public const long MaxPoints = 1_000_000_000;

    /// <summary>The default of <c>Treu:Limits:MaxBasketLines</c>, as the API reference states it.</summary>
    public const int DefaultMaxLines = 500;

    /// <summary>Decimal places of money in <paramref name="currency"/>: its minor unit, at most the two places amounts are kept to (NetAmount rounds to the cent).</summary>
    public static int MoneyDecimals(string currency) => Math.Min(Currencies.MinorUnits(currency), 2);

    /// <summary>Whether <paramref name="value"/> has at most <paramref name="decimals"/> decimal places, trailing zeros aside (1.500 has one).</summary>
    public static bool HasAtMostDecimals(decimal value, int decimals)
    {
        var scaled = value * Pow10(decimals);
        return scaled == decimal.Truncate(scaled);
    }

    /// <summary>Why a line's quantity cannot be taken, or null; returns name their lines the same way.</summary>
    public static string? QuantityProblem(decimal? quantity) =>
        quantity is { } q && q >= MinQuantity && q <= MaxQuantity && HasAtMostDecimals(q, QuantityDecimals)
            ? null
            : $"must be from {MinQuantity} to {MaxQuantity}, with at most {QuantityDecimals} decimal places";

    private static decimal Pow10(int decimals) => decimals switch { 0 => 1m, 1 => 10m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, decimals) };

    public static (List<BasketLine> Lines, Failure? Currency) Check(
        Validation check, LoyaltyProgram program, PurchaseRequest body, bool requireMember, TimeProvider clock, int maxLines)
    {
        if (requireMember)
        {
            check.Require("memberId", body.MemberId, 64).Require("externalId", body.ExternalId, 100);
        }
        else
        {
            check.MaxLength("memberId", body.MemberId, 64).MaxLength("externalId", body.ExternalId, 100);
        }

        Failure? currency = null;
        if (string.IsNullOrWhiteSpace(body.Currency))
        {
            check.Add("currency", "is required (ISO 4217, e.g. EUR)");
        }
        else if (!Currencies.IsKnown(body.Currency))
        {
            currency = TransactionErrors.UnknownCurrency.With($"'{Trim(body.Currency)}' is not an ISO 4217 currency code.", "currency");
        }
        else if (body.Currency != program.Currency)
        {
            currency = TransactionErrors.CurrencyMismatch.With($"This program runs in {program.Currency}; the basket is in {body.Currency}.", "currency");
        }

        check.Range("redeemPoints", body.RedeemPoints, 0, MaxPoints);
        check.RecentPast("occurredAt", body.OccurredAt, clock.GetUtcNow().UtcDateTime);

        if (body.PaymentMethods is { } methods && (methods.Length > 10 || methods.Any(m => m is null || m.Length is 0 or > 32)))
        {
            check.Add("paymentMethods", "at most 10 payment methods of 1 to 32 characters");
        }

        if (body.Vouchers is { } codes)
        {
            if (codes.Length > PurchaseRequest.MaxVouchers || codes.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 64))
            {
                check.Add("vouchers", $"at most {PurchaseRequest.MaxVouchers} codes of 1 to 64 characters");
            }
            else if (codes.GroupBy(c => Treu.Domain.Rewards.VoucherCode.Compact(c) ?? c).Any(g => g.Count() > 1))
            {
                check.Add("vouchers", "a code is given twice");
            }
        }

        var decimals = MoneyDecimals(program.Currency);
        var smallest = 1m / Pow10(decimals);
        var lines = new List<BasketLine>();
        if (body.Lines is null || body.Lines.Length == 0)
        {
            check.Add("lines", "a basket has at least one line");
            return (lines, currency);
        }

        if (body.Lines.Length > maxLines)
        {
            check.Add("lines", $"a basket has at most {maxLines} lines");
            return (lines, currency);
        }

        for (var i = 0; i < body.Lines.Length; i++)
        {
            var l = body.Lines[i];
            var field = $"lines[{i}]";
            if (l is null)
            {
                check.Add(field, "must be an object");
                continue;
            }

            var before = check.IsValid;
            check.Require($"{field}.sku", l.Sku, 64).MaxLength($"{field}.name", l.Name).MaxLength($"{field}.category", l.Category, 64).MaxLength($"{field}.brand", l.Brand, 64);
            var quantityProblem = QuantityProblem(l.Quantity);
            if (quantityProblem is not null)
            {
                check.Add($"{field}.quantity", quantityProblem);
            }

            var priceValid = false;
            if (l.UnitPrice is not { } price || price < 0 || price > MaxUnitPrice)
            {
                check.Add($"{field}.unitPrice", $"must be between 0 and {MaxUnitPrice}");
            }
            else if (!HasAtMostDecimals(price, decimals))
            {
                check.Add($"{field}.unitPrice", $"must have at most {decimals} decimal places in {program.Currency}");
            }
            else
            {
                priceValid = true;
            }

            // Weighed against the line's price only when quantity and price are themselves valid: a wrong price is one error, not two.
            var amount = quantityProblem is null && priceValid ? l.Quantity!.Value * l.UnitPrice!.Value : (decimal?)null;
            var discount = l.Discount ?? 0;
            if (discount < 0 || discount > amount)
            {
                check.Add($"{field}.discount", "must be between 0 and the line's price");
            }
            else if (!HasAtMostDecimals(discount, decimals))
            {
                check.Add($"{field}.discount", $"must have at most {decimals} decimal places in {program.Currency}");
            }

            if (amount is > 0 and var worth && worth < smallest)
            {
                check.Add(field, $"a line with a price must come to at least {smallest} {program.Currency}; quantity × unitPrice is {worth}");
            }

            if (before && check.IsValid)
            {
                lines.Add(new BasketLine(l.Sku!, l.Name, l.Category?.ToLowerInvariant(), l.Quantity!.Value, l.UnitPrice!.Value, discount, l.Brand));
            }
        }

        return (lines, currency);
    }

    private static string Trim(string s) => s.Length > 10 ? s[..10] + "…" : s;
}
