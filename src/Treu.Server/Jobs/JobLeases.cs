using Microsoft.EntityFrameworkCore;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// Leases that let exactly one run of a job go on at a time, across nodes and within one, with no provider SQL: a
/// conditional UPDATE takes the lease when it is free or expired, and only the run it changed a row for goes on. Each
/// scope is a holder of its own (a timer's tick, an operator's "run now"). A node that dies loses its lease when it expires.
/// </summary>
public sealed class JobLeases(TreuDbContext db, TimeProvider clock, JobNode node)
{
    private readonly string _holder = $"{node.Id}:{Guid.NewGuid():n}";

    /// <summary>Takes (or renews) the lease on <paramref name="name"/> for this node; false when another holds it.</summary>
    public async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var holder = _holder;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.JobStates.AnyAsync(j => j.Name == name, ct))
        {
            try
            {
                db.JobStates.Add(new JobState { Name = name, UpdatedAt = now });
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (WriteTransaction.IsUniqueViolation(e))
            {
                // Another node made the row at the same moment: the update below decides.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        var until = now + duration;
        return await db.JobStates.Where(j => j.Name == name && (j.Holder == null || j.Holder == holder || j.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Holder, holder).SetProperty(j => j.LeaseUntil, until), ct) == 1;
    }

    public Task ReleaseAsync(string name, CancellationToken ct) =>
        db.JobStates.Where(j => j.Name == name && j.Holder == _holder)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Holder, (string?)null).SetProperty(j => j.LeaseUntil, (DateTime?)null), ct);

    public Task<string?> CursorAsync(string name, CancellationToken ct) =>
        db.JobStates.AsNoTracking().Where(j => j.Name == name).Select(j => j.Cursor).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Moves the cursor from <paramref name="from"/> to <paramref name="to"/>, only while this run holds the lease and
    /// nobody moved it meanwhile (a run whose lease lapsed mid-batch); inside the caller's transaction, so it moves with
    /// the work, and a false answer means the caller must roll its work back.
    /// </summary>
    public async Task<bool> MoveCursorAsync(string name, string? from, string to, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.JobStates.Where(j => j.Name == name && j.Holder == _holder && j.Cursor == from)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Cursor, to).SetProperty(j => j.UpdatedAt, now), ct) == 1;
    }
}
