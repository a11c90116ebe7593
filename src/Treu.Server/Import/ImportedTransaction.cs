namespace Treu.Server.Import;

/// <summary>
/// A transaction of the old system that <c>treu import transactions</c> has posted: its id is unique per program, so
/// the same file imported twice posts nothing twice.
/// </summary>
public sealed class ImportedTransaction
{
    public required string ProgramId { get; set; }
    public required string ExternalId { get; set; }
    public required string MemberId { get; set; }
    public required string EntryId { get; set; }
    public DateTime ImportedAt { get; set; }
}
