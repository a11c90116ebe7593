using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Server.Storage;

namespace Treu.Server.Ledger;

/// <summary>Walks every member in bounded batches and recomputes balances, lots and hash chains from the entries.</summary>
public sealed class LedgerAudit(TreuDbContext db, TimeProvider clock)
{
    private const int BatchSize = 200;
    private const int MaxReported = 100;

    public async Task<VerificationReport> VerifyAsync(string? programId, CancellationToken ct)
    {
        var mismatches = new List<LedgerMismatch>();
        var members = 0;
        long entries = 0;
        string last = "";
        while (true)
        {
            // One snapshot per batch: a job or a purchase committing between the reads of members, entries and lots
            // would otherwise show as a mismatch that is not there. Short, so it holds nothing up for long.
            await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
            var batch = await db.Members.AsNoTracking()
                .Where(m => (programId == null || m.ProgramId == programId) && string.Compare(m.Id, last) > 0)
                .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var ids = batch.Select(m => m.Id).ToList();
            var entriesByMember = (await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.MemberId)).ToListAsync(ct))
                .ToLookup(e => e.MemberId);
            // Open lots only: closed ones hold nothing to check, and PostgreSQL indexes a member's open lots alone.
            var lotsByMember = (await db.Lots.AsNoTracking().Where(l => ids.Contains(l.MemberId) && l.State != LotState.Closed).ToListAsync(ct))
                .ToLookup(l => l.MemberId);
            await snapshot.CommitAsync(ct);
            foreach (var member in batch)
            {
                var memberEntries = entriesByMember[member.Id].OrderBy(e => e.Seq).ToList();
                entries += memberEntries.Count;
                foreach (var mismatch in LedgerVerification.Verify(member, memberEntries, lotsByMember[member.Id]))
                {
                    if (mismatches.Count < MaxReported)
                    {
                        mismatches.Add(mismatch);
                    }
                }
            }

            members += batch.Count;
            last = batch[^1].Id;
        }

        return new VerificationReport(mismatches.Count == 0, members, entries, mismatches, clock.GetUtcNow().UtcDateTime);
    }
}
