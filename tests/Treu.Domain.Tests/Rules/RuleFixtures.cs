using Treu.Domain.Rules;

namespace Treu.Domain.Tests.Rules;

/// <summary>Baskets, members and rules in a few words, so each specification shows only what it is about.</summary>
internal static class RuleFixtures
{
    /// <summary>A Saturday morning in January: no daylight saving time anywhere near.</summary>
    public static readonly DateTime SaturdayMorning = new(2025, 1, 11, 10, 0, 0, DateTimeKind.Utc);

    public static RuleDefinition Rule(string name, params RuleEffect[] effects) => new() { Name = name, Effects = effects };

    public static EarnLine Line(int lineNo, decimal amount, string? category = null, string? sku = null, string? brand = null, decimal quantity = 1) =>
        new(lineNo, sku ?? $"sku_{lineNo}", category, brand, quantity, amount);

    public static EarnRequest Purchase(params EarnLine[] lines) =>
        new(RuleTrigger.Purchase, "store", "store_berlin", SaturdayMorning, new MemberFacts(), lines);

    public static EarnRequest Event(string eventType) =>
        new(RuleTrigger.Event, "app", null, SaturdayMorning, new MemberFacts(), [], EventType: eventType);

    /// <summary>Each rule gets its name as id, so outcomes can be looked up by name.</summary>
    public static RuleEvaluation Evaluate(EarnRequest request, params RuleDefinition[] rules) =>
        RuleEngine.Evaluate(rules.Select(r => new ActiveRule(r.Name, 1, r)).ToList(), request);

    public static RuleEvaluation Evaluate(EarnRequest request, RuleUsage usage, params RuleDefinition[] rules) =>
        RuleEngine.Evaluate(rules.Select(r => new ActiveRule(r.Name, 1, r)).ToList(), request, _ => usage);

    public static RuleOutcome Of(this RuleEvaluation evaluation, string name) => evaluation.Outcomes.Single(o => o.Name == name);

    public static long LinePoints(this RuleOutcome outcome, int lineNo) => outcome.Lines.Where(l => l.LineNo == lineNo).Sum(l => l.Points);
}
