using Treu.Domain.Common;

namespace Treu.Domain.Purchases;

/// <summary>A basket as recorded: what earned, what was redeemed, and per line what has been returned since.</summary>
public sealed class Purchase
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string Channel { get; set; }

    /// <summary>Empty string, not null, when there is no store: it is part of the receipt id's unique key.</summary>
    public string StoreId { get; set; } = "";
    public required string ExternalId { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string Currency { get; set; }
    public decimal Total { get; set; }
    public decimal EligibleAmount { get; set; }
    public long PointsEarned { get; set; }
    public bool EarnedPending { get; set; }
    public long PointsRedeemed { get; set; }
    public decimal RedeemedValue { get; set; }
    public string? EarnLotId { get; set; }

    /// <summary>Money back from cashback rules, recorded for the cashback wallet.</summary>
    public decimal Cashback { get; set; }

    /// <summary>How the basket was paid (card, cash, voucher …), comma-separated, as payment-method rules saw it.</summary>
    public string? PaymentMethods { get; set; }

    /// <summary>The vouchers and coupons used on the basket, as returned to the till (JSON); null when none was.</summary>
    public string? Vouchers { get; set; }

    /// <summary>How the points were computed, as returned to the till (JSON).</summary>
    public string Breakdown { get; set; } = "[]";
    public List<PurchaseLine> Lines { get; set; } = [];

    /// <summary>
    /// Takes the returned quantities off the purchase's lines and says what each line gives back: its share of the earned
    /// points to reverse and of the redeemed points to refund, counted cumulatively so that returning a line in parts
    /// takes back exactly what returning it whole would. Without <paramref name="requested"/> lines, everything not yet
    /// returned. A sku is returned from its lines in order; no unit can be returned twice. Nothing changes when refused.
    /// </summary>
    public Result<IReadOnlyList<ReturnedShare>> AllocateReturn(IReadOnlyList<(string Sku, decimal Quantity)>? requested)
    {
        var lines = Lines.OrderBy(l => l.LineNo).ToList();
        var wanted = requested is { Count: > 0 }
            ? requested
            : lines.Where(l => l.ReturnableQuantity > 0).Select(l => (l.Sku, l.ReturnableQuantity)).ToList();
        if (wanted.Count == 0)
        {
            return PurchaseErrors.LineAlreadyReturned.With("Everything on this purchase has already been returned.", "lines");
        }

        // Planned on copies of the returned quantities first, so that a refusal halfway leaves the lines untouched.
        var left = lines.ToDictionary(l => l, l => l.ReturnableQuantity);
        var takes = new List<(PurchaseLine Line, decimal Quantity)>();
        foreach (var (sku, quantity) in wanted)
        {
            var ofSku = lines.Where(l => l.Sku == sku).ToList();
            if (ofSku.Count == 0)
            {
                return PurchaseErrors.LineNotInPurchase.With($"Sku '{sku}' is not on this purchase.", "lines");
            }

            var returnable = ofSku.Sum(l => left[l]);
            if (quantity > returnable)
            {
                return PurchaseErrors.LineAlreadyReturned.With(
                    $"Sku '{sku}': {returnable:0.###} of {ofSku.Sum(l => l.Quantity):0.###} left to return, {quantity:0.###} asked for.", "lines");
            }

            var rest = quantity;
            foreach (var line in ofSku.Where(l => left[l] > 0))
            {
                var take = Math.Min(rest, left[line]);
                left[line] -= take;
                takes.Add((line, take));
                rest -= take;
                if (rest == 0)
                {
                    break;
                }
            }
        }

        var shares = new List<ReturnedShare>();
        foreach (var (line, take) in takes)
        {
            var reversed = Allocation.Cumulative(line.PointsEarned, line.ReturnedQuantity, take, line.Quantity);
            var refunded = Allocation.Cumulative(line.PointsRedeemed, line.ReturnedQuantity, take, line.Quantity);
            line.ReturnedQuantity += take;
            line.PointsReversed += reversed;
            line.PointsRefunded += refunded;
            shares.Add(new ReturnedShare(line, take, reversed, refunded));
        }

        // The same sku may be named twice in one request: one share per purchase line.
        return shares.GroupBy(s => s.Line).OrderBy(g => g.Key.LineNo)
            .Select(g => new ReturnedShare(g.Key, g.Sum(s => s.Quantity), g.Sum(s => s.PointsReversed), g.Sum(s => s.PointsRefunded))).ToList();
    }
}
