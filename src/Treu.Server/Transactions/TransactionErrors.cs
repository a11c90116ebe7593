using Treu.Domain.Common;

namespace Treu.Server.Transactions;

public static class TransactionErrors
{
    public static readonly ErrorCode NotFound = new("transaction_not_found", FailureKind.NotFound);
    public static readonly ErrorCode UnknownCurrency = new("unknown_currency", FailureKind.Invalid);
    public static readonly ErrorCode CurrencyMismatch = new("currency_mismatch", FailureKind.Refused);

    public static Failure NoSuchTransaction() => NotFound.With("No such transaction in this program.");
}
