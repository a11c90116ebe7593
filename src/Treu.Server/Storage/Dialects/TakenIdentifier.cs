namespace Treu.Server.Storage.Dialects;

/// <summary>An identifier found taken: its kind (r: external reference, e: e-mail, p: phone, c: card, n: member number) and value.</summary>
public sealed record TakenIdentifier(string Kind, string Value);
