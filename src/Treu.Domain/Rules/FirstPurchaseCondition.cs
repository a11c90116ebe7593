namespace Treu.Domain.Rules;

public sealed record FirstPurchaseCondition : RuleCondition;
