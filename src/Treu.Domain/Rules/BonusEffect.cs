namespace Treu.Domain.Rules;

/// <summary>Fixed points per basket, or per matching item.</summary>
public sealed record BonusEffect(long Points, bool PerMatchingItem = false) : RuleEffect;
