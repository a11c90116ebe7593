namespace Treu.Domain.Rules;

public sealed record TierCondition(IReadOnlyList<string> In) : RuleCondition;
