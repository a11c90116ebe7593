namespace Treu.Server.Import;

public sealed record ImportReport(long Read, long Imported, long AlreadyPresent, long Rejected, long Points, IReadOnlyDictionary<string, long> RejectedByCode);
