using Treu.Domain.Rules;

namespace Treu.Server.Rules;

/// <summary>
/// What the rules gave each member per day, kept in memory, for the caps of a run over many transactions at once: a
/// simulation (one per scenario) or the demo history. Purchases recorded one by one read the same from
/// <see cref="RuleUsages"/> instead.
/// </summary>
public sealed class AwardTally
{
    private readonly Dictionary<(string Rule, string Member), List<(DateOnly Day, long Points, int Times)>> _awards = [];
    private readonly Dictionary<string, long> _budgets = new(StringComparer.Ordinal);

    public RuleEvaluation Evaluate(RuleBook book, EarnRequest request, string memberId, DateOnly day, bool explain = true)
    {
        var evaluation = RuleEngine.Evaluate(book, request, rule =>
        {
            var awards = _awards.GetValueOrDefault((rule, memberId)) ?? [];
            return RuleUsage.Of(awards, day, awards.Sum(a => a.Times), _budgets.GetValueOrDefault(rule));
        }, explain);
        foreach (var outcome in evaluation.Applied)
        {
            if (!_awards.TryGetValue((outcome.RuleId, memberId), out var list))
            {
                _awards[(outcome.RuleId, memberId)] = list = [];
            }

            list.Add((day, outcome.Points, 1));
            _budgets[outcome.RuleId] = _budgets.GetValueOrDefault(outcome.RuleId) + outcome.Points;
        }

        return evaluation;
    }

    /// <summary>Every award, summed per rule, member and day: the rows <see cref="RuleUsages"/> would have written.</summary>
    public IEnumerable<(string Rule, string Member, DateOnly Day, long Points, int Times)> Daily() =>
        _awards.SelectMany(a => a.Value.GroupBy(x => x.Day).Select(d => (a.Key.Rule, a.Key.Member, d.Key, d.Sum(x => x.Points), d.Sum(x => x.Times))));

    /// <summary>What each rule gave in all, for the budgets.</summary>
    public long Spent(string ruleId) => _budgets.GetValueOrDefault(ruleId);
}
