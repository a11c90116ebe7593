namespace Treu.Domain.Rules;

/// <summary>A share of the eligible amount back as money, recorded for the cashback wallet.</summary>
public sealed record CashbackEffect(decimal Percent) : RuleEffect;
