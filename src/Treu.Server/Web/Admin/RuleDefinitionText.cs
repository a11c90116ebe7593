namespace Treu.Server.Web.Admin;

/// <summary>A version of a rule's definition as indented JSON, for the diff.</summary>
public sealed record RuleDefinitionText(string Json);
