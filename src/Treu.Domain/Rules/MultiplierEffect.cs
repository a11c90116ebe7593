using System.ComponentModel.DataAnnotations;

namespace Treu.Domain.Rules;

/// <summary>Multiplies the points the other (non-multiplier) rules gave: 2 for "double points".</summary>
public sealed record MultiplierEffect([property: Range(1, 100, MinimumIsExclusive = true)] decimal Factor) : RuleEffect;
