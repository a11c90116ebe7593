namespace Treu.Domain.Rules;

/// <summary>Local time of the purchase in the program's time zone: weekdays (mon … sun) and a daily window.</summary>
public sealed record TimeCondition(IReadOnlyList<string>? Weekdays = null, TimeOnly? From = null, TimeOnly? To = null) : RuleCondition;
