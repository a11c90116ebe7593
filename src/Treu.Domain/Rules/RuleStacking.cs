namespace Treu.Domain.Rules;

/// <summary>How the rules that gave something combine: an exclusive rule alone, and the best of each group.</summary>
internal static class RuleStacking
{
    /// <summary>The highest-priority exclusive rule that gives something (after its caps): if there is one, it is the only one that counts.</summary>
    public static RuleResult? Exclusive(List<RuleResult> results, CompiledRule[] rules) =>
        results.FirstOrDefault(x => rules[x.Rule].Rule.Definition.Stacking == Stacking.Exclusive && (x.Points > 0 || x.Cashback > 0));

    /// <summary>Of the rules of one group, the one that gives most counts (ties: the higher priority, then the lower id).</summary>
    public static void BestOfGroups(List<RuleResult> results, CompiledRule[] rules, List<RuleOutcome> outcomes, bool explain)
    {
        var groups = results.Where(r => rules[r.Rule].Rule.Definition.Stacking == Stacking.BestOfGroup)
            .GroupBy(r => rules[r.Rule].Rule.Definition.Group).Where(g => g.Count() > 1).ToList();
        foreach (var group in groups)
        {
            var best = group.OrderByDescending(r => r.Points).ThenByDescending(r => r.Cashback).ThenBy(r => r.Rule).First();
            foreach (var loser in group.Where(r => r != best))
            {
                results.Remove(loser);
                if (explain)
                {
                    outcomes.Add(RuleEngine.NotApplied(rules[loser.Rule], $"rule '{rules[best.Rule].Rule.Definition.Name}' of group '{group.Key}' gives more"));
                }
            }
        }
    }
}
