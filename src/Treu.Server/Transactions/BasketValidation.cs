using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <summary>The limits on a basket: what a real till could send, and nothing that could overflow a sum.</summary>
public static class BasketValidation
{
    public const decimal MaxQuantity = 100_000m;
    public const decimal MaxUnitPrice = 1_000_000m;
    public const long MaxPoints = 1_000_000_000;

    /// <summary>The default of <c>Treu:Limits:MaxBasketLines</c>, as the API reference states it.</summary>
    public const int DefaultMaxLines = 500;

    public static (List<BasketLine> Lines, Failure? Currency) Check(Validation check, LoyaltyProgram program, PurchaseRequest body, bool requireMember, TimeProvider clock, int maxLines)
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
            currency = new Failure("unknown_currency", $"'{Trim(body.Currency)}' is not an ISO 4217 currency code.", "currency");
        }
        else if (body.Currency != program.Currency)
        {
            currency = new Failure("currency_mismatch", $"This program runs in {program.Currency}; the basket is in {body.Currency}.", "currency");
        }

        check.Range("redeemPoints", body.RedeemPoints, 0, MaxPoints);
        check.RecentPast("occurredAt", body.OccurredAt, clock.GetUtcNow().UtcDateTime);

        if (body.PaymentMethods is { } methods && (methods.Length > 10 || methods.Any(m => m is null || m.Length is 0 or > 32)))
        {
            check.Add("paymentMethods", "at most 10 payment methods of 1 to 32 characters");
        }

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
            if (l.Quantity is not { } quantity || quantity <= 0 || quantity > MaxQuantity)
            {
                check.Add($"{field}.quantity", $"must be more than 0 and at most {MaxQuantity}");
            }

            if (l.UnitPrice is not { } price || price < 0 || price > MaxUnitPrice)
            {
                check.Add($"{field}.unitPrice", $"must be between 0 and {MaxUnitPrice}");
            }

            var discount = l.Discount ?? 0;
            if (discount < 0 || (l.Quantity is { } q && l.UnitPrice is { } p && discount > q * p))
            {
                check.Add($"{field}.discount", "must be between 0 and the line's price");
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
