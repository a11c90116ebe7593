namespace Treu.Domain.Rules;

/// <summary>The member carries at least one of these segment tags.</summary>
public sealed record SegmentCondition(IReadOnlyList<string> Any) : RuleCondition;
