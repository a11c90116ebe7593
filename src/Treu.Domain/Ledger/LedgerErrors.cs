using Treu.Domain.Common;

namespace Treu.Domain.Ledger;

public static class LedgerErrors
{
    public static readonly ErrorCode InsufficientPoints = new("insufficient_points", FailureKind.Refused);
}
