namespace Treu.Domain.Rules;

/// <summary>
/// What multiplier rules add: (factor - 1) × what the other rules gave, each on its own, so 2× and 3× make 4×, never 6×.
/// </summary>
internal static class Multipliers
{
    /// <param name="baseByLine">What the other rules gave, per line (their line shares and their basket share spread by eligible amount).</param>
    /// <param name="baseTotal">What the other rules gave in all.</param>
    public static List<RuleResult> Give(List<int> applicable, CompiledRule[] rules, bool[]?[] masks, double[] baseByLine, long baseTotal, Func<string, RuleUsage> usage)
    {
        var n = baseByLine.Length;
        var multipliers = new List<RuleResult>();
        foreach (var r in applicable.Where(r => rules[r].Multiplier is not null))
        {
            // With a product condition ("5× on organic"), only the matching lines' points are multiplied.
            var mask = masks[r];
            var result = new RuleResult(r) { Matched = mask };
            double onBase = 0;
            for (var i = 0; i < n; i++)
            {
                onBase += mask is null || mask[i] ? baseByLine[i] : 0;
            }

            var multiplied = mask is null ? baseTotal : (long)Math.Round(onBase);
            result.Points = (long)Math.Floor((rules[r].Multiplier!.Value - 1) * multiplied);
            result.Reason = result.Points == 0 ? "no points from other rules to multiply" : null;
            if (result.Points > 0 && onBase > 0)
            {
                result.LineShares = new double[n];
                for (var i = 0; i < n; i++)
                {
                    result.LineShares[i] = mask is null || mask[i] ? baseByLine[i] / onBase * result.Points : 0;
                }
            }

            result.Cap(rules[r].Rule.Definition.Caps, usage(rules[r].Rule.Id));
            multipliers.Add(result);
        }

        return multipliers;
    }
}
