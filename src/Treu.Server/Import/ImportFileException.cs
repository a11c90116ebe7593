namespace Treu.Server.Import;

/// <summary>The file cannot be imported at all (no header, unknown columns): nothing was written.</summary>
public sealed class ImportFileException(string message) : Exception(message);
