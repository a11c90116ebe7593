using System.ComponentModel.DataAnnotations;

namespace Treu.Domain.Rules;

/// <summary>Fixed points per basket, or per matching item.</summary>
public sealed record BonusEffect([property: Range(1, 1_000_000)] long Points, bool PerMatchingItem = false) : RuleEffect;
