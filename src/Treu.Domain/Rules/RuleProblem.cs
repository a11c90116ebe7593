namespace Treu.Domain.Rules;

/// <summary>A field of a rule that cannot be saved, with the JSON path of the field and a sentence saying why.</summary>
public sealed record RuleProblem(string Path, string Message);
