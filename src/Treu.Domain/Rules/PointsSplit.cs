namespace Treu.Domain.Rules;

/// <summary>Whole points split over a basket's lines, so that a return knows what each line earned.</summary>
internal static class PointsSplit
{
    /// <summary>
    /// The lines a rule with a product condition gave points on. Its points usually sit on the few matching lines
    /// only, so only those are split; a rate on the whole basket spreads over every line.
    /// </summary>
    public static IReadOnlyList<LinePoints> RuleLines(IReadOnlyList<EarnLine> lines, RuleResult result, double[] share)
    {
        var total = result.Points - result.EventPoints;
        if (total <= 0)
        {
            return [];
        }

        if (result.BasketShare > 0 || result.LineShares is null || result.Matched is null)
        {
            var all = new double[lines.Count];
            for (var i = 0; i < all.Length; i++)
            {
                all[i] = (result.LineShares?[i] ?? 0) + result.BasketShare * share[i];
            }

            return PerLine(lines, all, total);
        }

        var count = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            count += result.Matched[i] ? 1 : 0;
        }

        var index = new int[count];
        var weights = new double[count];
        for (int i = 0, k = 0; i < lines.Count; i++)
        {
            if (result.Matched[i])
            {
                index[k] = i;
                weights[k++] = result.LineShares[i];
            }
        }

        var split = PerLine(index.Select(i => lines[i]).ToArray(), weights, total);
        return split;
    }

    /// <summary>Splits whole points over lines in proportion to their shares (largest remainder, ties to the earlier line).</summary>
    public static IReadOnlyList<LinePoints> PerLine(IReadOnlyList<EarnLine> lines, double[] weights, long total)
    {
        var sum = 0d;
        foreach (var w in weights)
        {
            sum += Math.Max(w, 0);
        }

        if (total <= 0 || sum <= 0)
        {
            return [];
        }

        var points = new long[weights.Length];
        var remainders = new double[weights.Length];
        long given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * Math.Max(weights[i], 0) / sum;
            points[i] = (long)Math.Floor(exact);
            remainders[i] = exact - points[i];
            given += points[i];
        }

        for (; given < total; given++)
        {
            var best = -1;
            for (var i = 0; i < weights.Length; i++)
            {
                if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best]))
                {
                    best = i;
                }
            }

            points[best]++;
            remainders[best] = -1;
        }

        var result = new List<LinePoints>();
        for (var i = 0; i < points.Length; i++)
        {
            if (points[i] > 0)
            {
                result.Add(new LinePoints(lines[i].LineNo, points[i]));
            }
        }

        return result;
    }
}
