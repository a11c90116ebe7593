using Treu.Domain.Rules;
using Treu.Server.Hosting;

namespace Treu.Server.Transactions;

/// <summary>One rule's part in what a purchase or event earned, as the till and the member's history show it.</summary>
/// <param name="Rule">The rule's id (base_rate for the program's base earn rate).</param>
/// <param name="Version">The rule's version that computed it.</param>
/// <param name="Lines">For rules on products: which lines (by number) got how many of the points.</param>
/// <param name="Applied">False only in a preview, for a rule that gave nothing.</param>
/// <param name="NotAppliedBecause">Why a rule gave nothing (or less): the one condition that failed, or the cap reached.</param>
public sealed record EarnRuleView(
    string Rule, int Version, string Name, long Points,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(MoneyJson))] decimal Cashback,
    IReadOnlyList<LinePoints> Lines, bool Applied = true, string? NotAppliedBecause = null)
{
    public static List<EarnRuleView> From(RuleEvaluation evaluation) =>
        evaluation.Outcomes.Select(o => new EarnRuleView(o.RuleId, o.Version, o.Name, o.Points, o.Cashback, o.Lines, o.Applied, o.Reason)).ToList();
}
