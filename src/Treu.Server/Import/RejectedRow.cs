namespace Treu.Server.Import;

/// <summary>A row the import did not take, with the line of the file it came from and why.</summary>
public sealed record RejectedRow(long Line, string? ExternalRef, string Code, string Reason);
