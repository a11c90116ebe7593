namespace Treu.Domain.Rules;

/// <param name="Outcomes">Every rule's outcome when explained (a preview), else only the rules that gave something.</param>
/// <param name="PointsByLine">The total split over the basket's lines, so a return knows what each line earned.</param>
public sealed record RuleEvaluation(long Points, decimal Cashback, IReadOnlyList<RuleOutcome> Outcomes, IReadOnlyList<LinePoints> PointsByLine)
{
    public IEnumerable<RuleOutcome> Applied => Outcomes.Where(o => o.Applied);

    public long PointsOfLine(int lineNo) => PointsByLine.Where(l => l.LineNo == lineNo).Sum(l => l.Points);
}
