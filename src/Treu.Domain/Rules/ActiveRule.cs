namespace Treu.Domain.Rules;

/// <summary>A rule in force, with the version it is evaluated at.</summary>
public sealed record ActiveRule(string Id, int Version, RuleDefinition Definition);
