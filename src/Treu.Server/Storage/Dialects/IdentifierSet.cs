namespace Treu.Server.Storage.Dialects;

/// <summary>Identifiers to look up at once, by kind.</summary>
public sealed record IdentifierSet(
    IReadOnlyCollection<string> Refs, IReadOnlyCollection<string> Emails, IReadOnlyCollection<string> Phones, IReadOnlyCollection<string> Cards,
    IReadOnlyCollection<string> Numbers);
