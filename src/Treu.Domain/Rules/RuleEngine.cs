namespace Treu.Domain.Rules;

/// <summary>
/// Evaluates the rules in force against a basket or an event. Pure and deterministic. On the earn path
/// (<c>explain: false</c>) a rule that does not apply costs a few set look-ups and allocates nothing; a preview
/// (<c>explain: true</c>) also says, for every rule that gave nothing, the one condition that failed.
/// </summary>
/// <remarks>
/// The steps, each in a class of its own: <see cref="EligibleBasket"/> (what the basket may earn on),
/// <see cref="ProductMatches"/> (which lines each product condition matches), <see cref="RuleConditions"/> (which rules
/// apply), <see cref="RuleEffects"/> (what each gives, within its caps), <see cref="RuleStacking"/> (exclusive rules and
/// groups), <see cref="Multipliers"/> (what multiplier rules add), <see cref="PointsSplit"/> (the points per line).
/// </remarks>
public static class RuleEngine
{
    public static RuleEvaluation Evaluate(IReadOnlyList<ActiveRule> rules, EarnRequest request, Func<string, RuleUsage>? usage = null, bool explain = true) =>
        Evaluate(RuleBook.Compile(rules), request, usage, explain);

    public static RuleEvaluation Evaluate(RuleBook book, EarnRequest request, Func<string, RuleUsage>? usage = null, bool explain = false)
    {
        var basket = new EligibleBasket(request.Lines);
        var rules = book.Rules;
        var masks = ProductMatches.Of(book, request.Lines);
        try
        {
            var outcomes = new List<RuleOutcome>();
            var applicable = Applicable(rules, request, basket, masks, outcomes, explain);
            usage ??= _ => RuleUsage.None;
            var results = new List<RuleResult>();
            foreach (var r in applicable.Where(r => rules[r].Multiplier is null))
            {
                results.Add(RuleEffects.Give(r, rules[r], basket, masks[r], usage(rules[r].Rule.Id), request.Trigger == RuleTrigger.Event));
            }

            if (RuleStacking.Exclusive(results, rules) is { } exclusive)
            {
                if (explain)
                {
                    var reason = $"rule '{rules[exclusive.Rule].Rule.Definition.Name}' is exclusive and applies";
                    outcomes.AddRange(applicable.Where(r => r != exclusive.Rule).Select(r => NotApplied(rules[r], reason)));
                }

                results = [exclusive];
                applicable = [exclusive.Rule];
            }

            RuleStacking.BestOfGroups(results, rules, outcomes, explain);
            var shares = new PointShares(basket.Lines.Count);
            long baseTotal = 0;
            foreach (var result in results)
            {
                baseTotal += result.Points;
                shares.Add(result);
            }

            var multipliers = Multipliers.Give(applicable, rules, masks, shares.ByLine(basket.Share), baseTotal, usage);
            RuleStacking.BestOfGroups(multipliers, rules, outcomes, explain);
            foreach (var m in multipliers.Where(m => m.Points > 0))
            {
                shares.AddToLines(m.LineShares);
            }

            var (total, cashback, eventPoints) = Tally(results.Concat(multipliers), rules, basket, outcomes, explain);
            if (explain)
            {
                var order = rules.Select((rule, index) => (rule.Rule.Id, index)).ToDictionary(x => x.Id, x => x.index);
                outcomes.Sort((a, b) => order[a.RuleId].CompareTo(order[b.RuleId]));
            }

            // One split of the whole total over the lines: what a return of a line takes back.
            return new RuleEvaluation(total, cashback, outcomes, PointsSplit.PerLine(basket.Lines, shares.ByLine(basket.Share), total - eventPoints));
        }
        finally
        {
            ProductMatches.Return(masks);
        }
    }

    internal static RuleOutcome NotApplied(CompiledRule rule, string why) =>
        new(rule.Rule.Id, rule.Rule.Version, rule.Rule.Definition.Name, false, 0, 0, why, []);

    /// <summary>The rules whose conditions hold, by index; with <paramref name="explain"/>, the others' reasons go to the outcomes.</summary>
    private static List<int> Applicable(CompiledRule[] rules, EarnRequest request, EligibleBasket basket, bool[]?[] masks, List<RuleOutcome> outcomes, bool explain)
    {
        var local = request.LocalTime;
        var applicable = new List<int>();
        for (var r = 0; r < rules.Length; r++)
        {
            var why = RuleConditions.WhyNot(rules[r], request, local, basket.EligibleTotal, basket.Items, masks[r], explain);
            if (why is null)
            {
                applicable.Add(r);
            }
            else if (explain)
            {
                outcomes.Add(NotApplied(rules[r], why));
            }
        }

        return applicable;
    }

    /// <summary>
    /// Adds up what the rules gave, in the book's order, and records each one's outcome (without <paramref name="explain"/>,
    /// only of those that gave something).
    /// </summary>
    private static (long Points, decimal Cashback, long EventPoints) Tally(
        IEnumerable<RuleResult> results, CompiledRule[] rules, EligibleBasket basket, List<RuleOutcome> outcomes, bool explain)
    {
        long total = 0;
        decimal cashback = 0;
        long eventPoints = 0;
        foreach (var result in results.OrderBy(x => x.Rule))
        {
            var applied = result.Points > 0 || result.Cashback > 0;
            if (!applied && !explain)
            {
                continue;
            }

            var rule = rules[result.Rule];
            outcomes.Add(new RuleOutcome(rule.Rule.Id, rule.Rule.Version, rule.Rule.Definition.Name, applied, result.Points, result.Cashback,
                result.Reason ?? (applied ? null : "gives nothing on this basket: the eligible amount is too small"),
                rule.ProductConditions > 0 && applied ? PointsSplit.RuleLines(basket.Lines, result, basket.Share) : [], result.Capped));
            if (applied)
            {
                total += result.Points;
                cashback += result.Cashback;
                eventPoints += result.EventPoints;
            }
        }

        return (total, cashback, eventPoints);
    }
}
