using Treu.Domain.Purchases;
using Treu.Domain.Rules;

namespace Treu.Server.Transactions;

/// <summary>A basket's earning: which share of each line is eligible (<see cref="EarnCalculator"/>), then what the rules give on it.</summary>
public sealed record BasketRules(BasketEarning Basket, RuleEvaluation Evaluation)
{
    public long Points => Evaluation.Points;

    public long PointsOfLine(int lineNo) => Evaluation.PointsOfLine(lineNo);

    public string? RuleRefs => Ledger.RuleRef.Of(Evaluation);
}
