namespace Treu.Domain.Purchases;

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
