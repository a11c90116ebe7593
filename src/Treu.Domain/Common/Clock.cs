namespace Treu.Domain.Common;

public static class Clock
{
    /// <summary>
    /// PostgreSQL keeps microseconds, .NET keeps 100 ns ticks. Every stored time is cut to microseconds first so
    /// that a value read back is the value that was hashed into the ledger chain.
    /// </summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
