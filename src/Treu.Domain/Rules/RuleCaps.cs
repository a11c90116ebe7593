namespace Treu.Domain.Rules;

/// <summary>Limits on what a rule gives. A reached limit stops the rule, and the breakdown says so.</summary>
public sealed record RuleCaps(
    long? PerTransaction = null,
    long? PerMemberPerDay = null,
    long? PerMemberPerWeek = null,
    long? PerMemberPerMonth = null,
    long? Budget = null,
    int? TimesPerMember = null,
    int? TimesPerMemberPerDay = null);
