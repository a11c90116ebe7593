namespace Treu.Domain.Rules;

public sealed record BasketCondition(decimal? MinEligibleAmount = null, decimal? MinItems = null) : RuleCondition;
