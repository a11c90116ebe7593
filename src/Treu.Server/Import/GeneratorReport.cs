namespace Treu.Server.Import;

public sealed record GeneratorReport(long Members, long Entries, long Lots, long PendingLots, long LotsDueForExpiry);
