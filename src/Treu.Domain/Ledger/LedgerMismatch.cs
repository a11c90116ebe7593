namespace Treu.Domain.Ledger;

public sealed record LedgerMismatch(string MemberId, long? Seq, string Problem);
