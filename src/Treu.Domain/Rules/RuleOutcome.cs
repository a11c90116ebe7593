namespace Treu.Domain.Rules;

/// <summary>
/// One rule's part in an evaluation: what it gave, or the one reason it gave nothing (or less). <see cref="Lines"/>
/// lists the points per line for rules with a product condition; a rule on the whole basket leaves it empty.
/// <see cref="Capped"/> says a cap or the budget took something away, and <see cref="Reason"/> names it.
/// </summary>
public sealed record RuleOutcome(
    string RuleId,
    int Version,
    string Name,
    bool Applied,
    long Points,
    decimal Cashback,
    string? Reason,
    IReadOnlyList<LinePoints> Lines,
    bool Capped = false);
