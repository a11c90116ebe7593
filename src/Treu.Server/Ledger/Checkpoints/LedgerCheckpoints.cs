using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Server.Ledger.Checkpoints;

/// <summary>
/// Takes a checkpoint of each program every <see cref="CheckpointOptions.Interval"/>: a Merkle root over every member's chain
/// head (<see cref="MerkleTree"/>), signed with Ed25519. In batches of <see cref="CheckpointOptions.BatchSize"/> members in
/// id order, each its own short transaction that appends the batch's heads and moves the checkpoint's last member on; that
/// last member is a concurrency token and the checkpoint number is unique, so on any number of nodes each checkpoint is
/// started once and each batch taken in once, and a run cut short is carried on by the next.
/// </summary>
public sealed class LedgerCheckpoints(TreuDbContext db, WriteTransaction tx, CheckpointSigner signer, TimeProvider clock, IOptions<TreuOptions> options,
    ILogger<LedgerCheckpoints> log)
{
    public const string Name = "ledger-checkpoint";

    private CheckpointOptions Settings => options.Value.Checkpoints;

    /// <summary>One run: carries on a checkpoint being built, or starts one if the last is older than the interval (or at once, with <paramref name="startNow"/>).</summary>
    public async Task<JobRun> RunAsync(CancellationToken ct, bool startNow = false)
    {
        var taken = 0;
        foreach (var programId in await db.Programs.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            var start = startNow;
            while (!ct.IsCancellationRequested)
            {
                var last = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.ProgramId == programId).OrderByDescending(c => c.Number).FirstOrDefaultAsync(ct);
                if (last is null || last.CompletedAt is not null)
                {
                    if (!start && !Due(last))
                    {
                        break;
                    }

                    start = false;
                    await StartAsync(programId, (last?.Number ?? 0) + 1, ct);
                    continue;
                }

                var step = await StepAsync(last.Id, ct);
                taken += step.Members;
                if (step.Completed)
                {
                    log.LogInformation("Ledger checkpoint {Number} of program {Program}: {Members} members, root {Root}", last.Number, programId, step.TotalMembers, step.Root);
                    break;
                }
            }
        }

        return new JobRun(Name, taken, clock.GetUtcNow().UtcDateTime);
    }

    private bool Due(LedgerCheckpoint? last) => last is null || last.StartedAt + Settings.Interval <= clock.GetUtcNow().UtcDateTime;

    private async Task StartAsync(string programId, long number, CancellationToken ct)
    {
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        try
        {
            await tx.RunAloneAsync(async token =>
            {
                db.LedgerCheckpoints.Add(new LedgerCheckpoint { Id = Ids.New("ckp"), ProgramId = programId, Number = number, StartedAt = now });
                await db.SaveChangesAsync(token);
                return true;
            }, _ => true, ct);
        }
        catch (DbUpdateException e) when (WriteTransaction.IsUniqueViolation(e))
        {
            log.LogInformation("Ledger checkpoint {Number} of program {Program} was started by another node", number, programId);
        }
    }

    private sealed record Step(int Members, bool Completed, long TotalMembers, string? Root);

    /// <summary>The next batch of the checkpoint, or its end: the root, signed, and the heads of old checkpoints let go.</summary>
    private async Task<Step> StepAsync(string checkpointId, CancellationToken ct)
    {
        try
        {
            return await tx.RunAloneAsync(async token =>
            {
                var checkpoint = await db.LedgerCheckpoints.SingleAsync(c => c.Id == checkpointId, token);
                if (checkpoint.CompletedAt is not null)
                {
                    return new Step(0, true, checkpoint.Members, checkpoint.Root);
                }

                var after = checkpoint.LastMemberId;
                var heads = await db.Members.AsNoTracking()
                    .Where(m => m.ProgramId == checkpoint.ProgramId && string.Compare(m.Id, after) > 0)
                    .OrderBy(m => m.Id).Select(m => new { m.Id, m.LastSeq, m.LastHash }).Take(Settings.BatchSize).ToListAsync(token);
                var tree = MerkleTree.Restore(checkpoint.Tree);
                if (heads.Count == 0)
                {
                    Complete(checkpoint, tree);
                    await db.SaveChangesAsync(token);
                    await ForgetOldHeadsAsync(checkpoint, token);
                    return new Step(0, true, checkpoint.Members, checkpoint.Root);
                }

                var page = new StringBuilder(heads.Count * 100);
                foreach (var head in heads)
                {
                    tree.Add(MerkleTree.Leaf(head.Id, head.LastSeq, head.LastHash));
                    page.Append(head.Id).Append(' ').Append(head.LastSeq).Append(' ').Append(head.LastHash).Append('\n');
                }

                db.LedgerCheckpointPages.Add(new LedgerCheckpointPage { CheckpointId = checkpoint.Id, Page = checkpoint.Pages, Heads = page.ToString() });
                checkpoint.Pages++;
                checkpoint.Members += heads.Count;
                checkpoint.LastMemberId = heads[^1].Id;
                checkpoint.Tree = tree.Save();
                await db.SaveChangesAsync(token);
                return new Step(heads.Count, false, checkpoint.Members, null);
            }, _ => true, ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || WriteTransaction.IsUniqueViolation(e))
        {
            log.LogInformation("A batch of ledger checkpoint {Checkpoint} was taken in by another node meanwhile", checkpointId);
            return new Step(0, false, 0, null);
        }
    }

    private void Complete(LedgerCheckpoint checkpoint, MerkleTree tree)
    {
        checkpoint.CompletedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        checkpoint.Root = tree.Root();
        checkpoint.Tree = "";
        checkpoint.PublicKey = signer.PublicKey;
        checkpoint.Signature = signer.Sign(CheckpointSigner.Message(checkpoint.ProgramId, checkpoint.Id, checkpoint.Number, checkpoint.StartedAt,
            checkpoint.CompletedAt.Value, checkpoint.Members, checkpoint.Root));
        // Moved, so that a node finishing the same checkpoint at the same moment finds its token changed and rolls back.
        checkpoint.LastMemberId += "~";
    }

    /// <summary>The heads of the checkpoint that has just fallen out of the newest <see cref="CheckpointOptions.KeepHeads"/>.</summary>
    private async Task ForgetOldHeadsAsync(LedgerCheckpoint checkpoint, CancellationToken ct)
    {
        var oldest = checkpoint.Number - Settings.KeepHeads;
        if (oldest < 1)
        {
            return;
        }

        var old = await db.LedgerCheckpoints.AsNoTracking().Where(c => c.ProgramId == checkpoint.ProgramId && c.Number == oldest).Select(c => c.Id).SingleOrDefaultAsync(ct);
        if (old is not null)
        {
            await db.LedgerCheckpointPages.Where(p => p.CheckpointId == old).ExecuteDeleteAsync(ct);
        }
    }
}
