namespace Treu.Domain.Rules;

/// <summary>At least one line matches; the matching lines are what line-based effects apply to.</summary>
public sealed record ProductCondition(IReadOnlyList<string>? Skus = null, IReadOnlyList<string>? Categories = null, IReadOnlyList<string>? Brands = null) : RuleCondition;
