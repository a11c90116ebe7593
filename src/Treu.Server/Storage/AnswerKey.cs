namespace Treu.Server.Storage;

/// <summary>The primary key of an <see cref="IdempotencyRecord"/>.</summary>
public readonly record struct AnswerKey(string ProgramId, string Scope, string Key);
