namespace Treu.Server.Events;

/// <summary>
/// An event the router handed on before its turn in the scan: on PostgreSQL a member's later event can become readable
/// before an earlier one (its transaction is the older), and then the router routes the earlier one with it, to keep the
/// member's order. The scan skips it when it gets there, and forgets this row.
/// </summary>
public sealed class EarlyRoutedEvent
{
    public required string EventId { get; set; }
    public required string ProgramId { get; set; }
    public string? MemberId { get; set; }
}
