namespace Treu.Domain.Rules;

public sealed record PaymentCondition(IReadOnlyList<string> Methods) : RuleCondition;
