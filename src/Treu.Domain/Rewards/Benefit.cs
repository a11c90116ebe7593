using Treu.Domain.Common;
using Treu.Domain.Purchases;

namespace Treu.Domain.Rewards;

/// <summary>
/// What a voucher or coupon gives, and what exactly that is on one basket: a discount spread over the lines it may take
/// from, in proportion to what they cost, never more than a line costs. The earn computation then sees the lines as paid.
/// </summary>
/// <param name="Amount">Money off (<see cref="BenefitKind.AmountOff"/>) or the value of a store credit.</param>
/// <param name="Percent">0 to 100 (<see cref="BenefitKind.PercentOff"/>).</param>
/// <param name="MaxDiscount">The cap on a percentage discount, in money.</param>
/// <param name="Sku">The free product (<see cref="BenefitKind.FreeItem"/>).</param>
/// <param name="Category">The free product's category, when any item of it will do.</param>
public sealed record Benefit(BenefitKind Kind, decimal? Amount = null, decimal? Percent = null, decimal? MaxDiscount = null, string? Sku = null, string? Category = null)
{
    /// <summary>
    /// The discount on this basket, per line. <paramref name="mayTake"/> says which lines a discount may come off (a
    /// coupon limited to categories, none of the program's excluded categories); a store credit pays any line.
    /// </summary>
    public Result<BenefitOnBasket> Apply(IReadOnlyList<BasketLine> lines, Func<BasketLine, bool> mayTake)
    {
        var takes = lines.Select(l => Kind == BenefitKind.StoreCredit || mayTake(l)).ToArray();
        var nets = lines.Select((l, i) => takes[i] ? Math.Max(l.NetAmount, 0m) : 0m).ToArray();
        var open = nets.Sum();
        switch (Kind)
        {
            case BenefitKind.Entitlement:
                return VoucherErrors.NotForBasket.With("This voucher is a ticket or an experience: it is redeemed where it is used, not on a basket.");
            case BenefitKind.FreeItem:
                var free = lines.Select((l, i) => (Line: l, Index: i))
                    .Where(x => nets[x.Index] > 0 && (Sku is not null ? x.Line.Sku == Sku : string.Equals(x.Line.Category, Category, StringComparison.OrdinalIgnoreCase)))
                    .OrderBy(x => x.Line.UnitPrice).ThenBy(x => x.Index).FirstOrDefault();
                if (free.Line is null)
                {
                    return VoucherErrors.NoMatchingItems.With(Sku is not null
                        ? $"The basket holds no item with sku '{Sku}' for this voucher to give."
                        : $"The basket holds no item of category '{Category}' for this voucher to give.");
                }

                var shares = new decimal[lines.Count];
                shares[free.Index] = Math.Min(free.Line.UnitPrice, nets[free.Index]);
                return new BenefitOnBasket(shares[free.Index], shares);
        }

        if (open <= 0)
        {
            return VoucherErrors.NoMatchingItems.With("Nothing in this basket can take this discount.");
        }

        var discount = Kind switch
        {
            BenefitKind.PercentOff => Math.Min(Math.Round(open * (Percent ?? 0) / 100m, 2, MidpointRounding.AwayFromZero), MaxDiscount ?? decimal.MaxValue),
            _ => Math.Min(Amount ?? 0, open),
        };
        return new BenefitOnBasket(discount, Allocation.Money(discount, nets));
    }

    /// <summary>The lines as they will be paid: each with this benefit's share added to its discount.</summary>
    public static List<BasketLine> Discounted(IReadOnlyList<BasketLine> lines, IReadOnlyList<decimal> shares) =>
        lines.Select((l, i) => shares[i] == 0 ? l : l with { Discount = l.Discount + shares[i] }).ToList();
}
