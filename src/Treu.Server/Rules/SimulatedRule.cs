using Treu.Domain.Rules;

namespace Treu.Server.Rules;

/// <summary>A rule to try, at a version.</summary>
public sealed record SimulatedRule(string Id, int Version, RuleDefinition Definition);
