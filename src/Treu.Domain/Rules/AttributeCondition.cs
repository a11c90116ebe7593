namespace Treu.Domain.Rules;

public sealed record AttributeCondition(string Name, string EqualTo) : RuleCondition;
