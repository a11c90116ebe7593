namespace Treu.Server.Storage;

public sealed class JobOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Lots per batch, so a job never holds a lock long enough to stall a till: a till waits at most for one batch.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Batches worked side by side, each on its own connection (PostgreSQL; SQLite has one writer).</summary>
    public int Parallel { get; set; } = 2;

    /// <summary>
    /// How old a row's id must be before the dashboard's figures take it in: longer than any write stays open, so that a
    /// write that took its id earlier but commits later is not passed over.
    /// </summary>
    public TimeSpan FiguresLag { get; set; } = TimeSpan.FromSeconds(30);
}
