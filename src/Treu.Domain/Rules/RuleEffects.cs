using Treu.Domain.Purchases;

namespace Treu.Domain.Rules;

/// <summary>What a rule that applies gives by its effects (points, bonus, cashback) within its caps, and where on the basket its points belong.</summary>
internal static class RuleEffects
{
    public static RuleResult Give(int index, CompiledRule rule, EligibleBasket basket, bool[]? mask, RuleUsage usage, bool isEvent)
    {
        var lines = basket.Lines;
        var eligible = basket.Eligible;
        var eligibleTotal = basket.EligibleTotal;
        var result = new RuleResult(index) { Matched = mask };
        var matchedTotal = 0m;
        if (mask is not null)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                matchedTotal += mask[i] ? eligible[i] : 0;
            }
        }

        // With a product condition, a bonus or cashback belongs to the matching lines; a rate may still be on the whole basket.
        void OnMatching(long points)
        {
            result.LineShares ??= new double[lines.Count];
            if (matchedTotal <= 0)
            {
                return;
            }

            // Shares only decide how whole points are split over lines, so doubles do; the points themselves stay exact.
            var perUnit = points / (double)matchedTotal;
            for (var i = 0; i < lines.Count; i++)
            {
                if (mask![i])
                {
                    result.LineShares[i] += perUnit * (double)eligible[i];
                }
            }
        }

        var effects = rule.Rule.Definition.Effects;
        for (var k = 0; k < effects.Count; k++)
        {
            switch (effects[k])
            {
                case PointsPerAmountEffect { MatchingLinesOnly: true } e when mask is not null:
                    var onMatching = EarnCalculator.Round(matchedTotal * e.Rate, e.Rounding);
                    OnMatching(onMatching);
                    result.Points += onMatching;
                    break;
                case PointsPerAmountEffect e:
                    var onBasket = EarnCalculator.Round(eligibleTotal * e.Rate, e.Rounding);
                    result.BasketShare += onBasket;
                    result.Points += onBasket;
                    break;
                case BonusEffect { PerMatchingItem: true } e when mask is not null:
                    result.LineShares ??= new double[lines.Count];
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var perItem = mask[i] ? e.Points * (long)Math.Floor(lines[i].Quantity) : 0;
                        result.LineShares[i] += perItem;
                        result.Points += perItem;
                    }

                    break;
                case BonusEffect e when isEvent:
                    result.EventPoints += e.Points;
                    result.Points += e.Points;
                    break;
                case BonusEffect e when mask is not null:
                    OnMatching(e.Points);
                    result.Points += e.Points;
                    break;
                case BonusEffect e when eligibleTotal > 0:
                    result.BasketShare += e.Points;
                    result.Points += e.Points;
                    break;
                case CashbackEffect e:
                    result.Cashback += Math.Round((mask is not null ? matchedTotal : eligibleTotal) * e.Percent / 100m, 2, MidpointRounding.ToZero);
                    break;
            }
        }

        result.Cap(rule.Rule.Definition.Caps, usage);
        return result;
    }
}
