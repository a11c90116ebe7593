using System.ComponentModel.DataAnnotations;

namespace Treu.Domain.Rules;

/// <summary>A share of the eligible amount back as money, recorded for the cashback wallet.</summary>
public sealed record CashbackEffect([property: Range(0, 100, MinimumIsExclusive = true)] decimal Percent) : RuleEffect;
