namespace Treu.Server.Hosting;

/// <summary>Marks an endpoint whose writes go through <see cref="IdempotentWrites"/>: the reference offers the header there only.</summary>
public sealed record HonoursIdempotencyKey;
