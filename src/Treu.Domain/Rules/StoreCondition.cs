namespace Treu.Domain.Rules;

public sealed record StoreCondition(IReadOnlyList<string> In) : RuleCondition;
