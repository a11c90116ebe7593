namespace Treu.Server.Jobs;

/// <summary>
/// What a job that must run on one node at a time keeps between runs: who holds it until when (a lease), and how far it
/// got (its cursor: the last day a daily job did, the last event the router read). One row per job and program.
/// </summary>
public sealed class JobState
{
    /// <summary>The job and what it works on, e.g. <c>birthdays:prg_…</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The node holding the lease, or null.</summary>
    public string? Holder { get; set; }

    public DateTime? LeaseUntil { get; set; }

    /// <summary>How far the job got, in its own words (a date, a position); null before its first run.</summary>
    public string? Cursor { get; set; }

    public DateTime UpdatedAt { get; set; }
}
