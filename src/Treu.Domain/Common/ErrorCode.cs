namespace Treu.Domain.Common;

/// <summary>
/// A stable, documented error code (<c>insufficient_points</c>) and its kind. Each feature declares its codes as
/// static fields of an <c>…Errors</c> class, which makes the catalogue that docs/api.md is checked against.
/// </summary>
public sealed record ErrorCode(string Code, FailureKind Kind)
{
    public Failure With(string message, string? field = null) => new(this, message, field);
}
