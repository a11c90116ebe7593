namespace Treu.Domain.Rules;

internal readonly record struct ConditionRef(int Rule, int Condition);
