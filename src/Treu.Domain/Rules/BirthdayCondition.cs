using System.ComponentModel.DataAnnotations;

namespace Treu.Domain.Rules;

/// <summary>The member's birthday falls within this many days before or after the purchase.</summary>
public sealed record BirthdayCondition([property: Range(0, 31)] int WithinDays) : RuleCondition;
