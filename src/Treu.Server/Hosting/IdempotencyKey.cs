namespace Treu.Server.Hosting;

/// <summary>A key under which a write's answer is kept: a client's Idempotency-Key, or a natural key such as a receipt id.</summary>
public sealed record IdempotencyKey(string Scope, string Key, bool KeepForever, string Describe);
