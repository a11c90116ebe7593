namespace Treu.Domain.Common;

/// <summary>
/// A named reason why an operation did not happen, and changed nothing. <paramref name="Field"/> names the one field
/// at fault; <paramref name="Errors"/> lists several, by field path, for a request with many wrong fields.
/// </summary>
public sealed record Failure(ErrorCode Error, string Message, string? Field = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public string Code => Error.Code;

    public FailureKind Kind => Error.Kind;
}
