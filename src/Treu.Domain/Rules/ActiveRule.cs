namespace Treu.Domain.Rules;

/// <summary>A rule in force, with the version it is evaluated at, and the tiers it starts earlier for.</summary>
public sealed record ActiveRule(string Id, int Version, RuleDefinition Definition, EarlyAccess? Early = null);
