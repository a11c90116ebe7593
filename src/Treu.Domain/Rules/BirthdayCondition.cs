namespace Treu.Domain.Rules;

/// <summary>The member's birthday falls within this many days before or after the purchase.</summary>
public sealed record BirthdayCondition(int WithinDays) : RuleCondition;
