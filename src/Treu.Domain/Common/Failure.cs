namespace Treu.Domain.Common;

/// <summary>A named reason why a domain operation did not happen. The HTTP edge maps codes to statuses in one place.</summary>
public sealed record Failure(string Code, string Message, string? Field = null);
