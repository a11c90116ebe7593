using Treu.Domain.Programs;

namespace Treu.Domain.Purchases;

public sealed record BasketLine(string Sku, string? Name, string? Category, decimal Quantity, decimal UnitPrice, decimal Discount, string? Brand = null)
{
    public decimal NetAmount => Math.Round(Quantity * UnitPrice - Discount, 2, MidpointRounding.AwayFromZero);
}

public sealed record LineEarning(int LineNo, decimal NetAmount, decimal RedeemedShare, decimal EligibleAmount, long Points, long PointsRedeemed, string? ExcludedBecause);

/// <summary>One step of how the points were computed, returned with every earn and preview.</summary>
public sealed record EarnStep(string Rule, string Description, decimal EligibleAmount, long Points);

public sealed record BasketEarning(decimal Total, decimal RedeemedValue, decimal EligibleAmount, long Points, IReadOnlyList<LineEarning> Lines, IReadOnlyList<EarnStep> Breakdown);

/// <summary>
/// Points for a basket at the program's base rate, on the amount actually paid: net of line discounts and of
/// the share paid with points, without excluded categories. The total is rounded once per basket (ten items at
/// 0.99 earn 9 points, not 0); per-line shares are kept so a return reverses exactly its lines' points.
/// </summary>
public static class EarnCalculator
{
    public static BasketEarning Compute(LoyaltyProgram program, IReadOnlyList<BasketLine> lines, long pointsRedeemed)
    {
        var net = lines.Select(l => l.NetAmount).ToArray();
        var total = net.Sum();
        var redeemedValue = Math.Min(pointsRedeemed * program.PointValue, total);
        var redeemedShares = Allocation.Money(redeemedValue, net);
        var redeemedPoints = Allocation.Points(pointsRedeemed, net);

        var excluded = lines.Select(l => l.Category is { } c && program.ExcludedCategories.Contains(c, StringComparer.OrdinalIgnoreCase)
            ? $"category '{c}' does not earn points" : null).ToArray();
        var eligible = net.Select((n, i) => excluded[i] is null ? n - redeemedShares[i] : 0m).ToArray();
        var eligibleTotal = eligible.Sum();
        var points = Round(eligibleTotal * program.EarnRate, program.EarnRounding);
        var linePoints = Allocation.Points(points, eligible);

        var lineEarnings = lines.Select((_, i) => new LineEarning(i + 1, net[i], redeemedShares[i], eligible[i], linePoints[i], redeemedPoints[i], excluded[i])).ToList();
        var breakdown = new List<EarnStep>
        {
            new("base_rate", $"{program.EarnRate:0.####} {program.PointsName} per {program.Currency} on the eligible amount, rounded {program.EarnRounding.ToString().ToLowerInvariant()}", eligibleTotal, points),
        };
        return new BasketEarning(total, redeemedValue, eligibleTotal, points, lineEarnings, breakdown);
    }

    public static long Round(decimal points, PointsRounding rounding) => rounding switch
    {
        PointsRounding.Floor => (long)Math.Floor(points),
        PointsRounding.Ceiling => (long)Math.Ceiling(points),
        _ => (long)Math.Round(points, MidpointRounding.AwayFromZero),
    };
}

/// <summary>Splits a whole across parts in proportion to their weights, so that the pieces always add up to the whole.</summary>
public static class Allocation
{
    /// <summary>Largest-remainder split of integer points; ties go to the earlier line.</summary>
    public static long[] Points(long whole, IReadOnlyList<decimal> weights)
    {
        var result = new long[weights.Count];
        var sum = weights.Where(w => w > 0).Sum();
        if (whole == 0 || sum <= 0)
        {
            return result;
        }

        var remainders = new decimal[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            if (weights[i] <= 0)
            {
                continue;
            }

            var exact = whole * weights[i] / sum;
            result[i] = (long)Math.Floor(exact);
            remainders[i] = exact - result[i];
            given += result[i];
        }

        foreach (var i in Enumerable.Range(0, weights.Count).Where(i => weights[i] > 0).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)(whole - given)))
        {
            result[i]++;
        }

        return result;
    }

    /// <summary>The same split for money, in cents.</summary>
    public static decimal[] Money(decimal whole, IReadOnlyList<decimal> weights) =>
        Points((long)Math.Round(whole * 100m, MidpointRounding.AwayFromZero), weights).Select(c => c / 100m).ToArray();

    /// <summary>
    /// The share of <paramref name="whole"/> that belongs to <paramref name="part"/> of <paramref name="of"/> after
    /// <paramref name="before"/> was already taken: rounding is cumulative, so the last return of a line takes exactly
    /// what is left and partial returns never add up to more than the whole.
    /// </summary>
    public static long Cumulative(long whole, decimal before, decimal part, decimal of)
    {
        if (of <= 0)
        {
            return 0;
        }

        var upTo = before + part >= of ? whole : (long)Math.Floor(whole * (before + part) / of);
        var already = (long)Math.Floor(whole * before / of);
        return upTo - already;
    }
}
