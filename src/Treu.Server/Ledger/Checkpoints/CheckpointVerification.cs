using Microsoft.EntityFrameworkCore;
using Treu.Domain.Ledger;
using Treu.Server.Storage;

namespace Treu.Server.Ledger.Checkpoints;

/// <summary>
/// Proves against a checkpoint file that no entry it covers was changed since: the file's heads rebuild the signed root,
/// the signature is the trusted key's, and each member's entries 1 to the head's sequence number, hashed again from their
/// contents, end in the head's hash. Someone with write access to the database can re-hash a chain so that it looks
/// consistent, but cannot make it end in the hash signed before. In batches of members, like <see cref="LedgerAudit"/>.
/// </summary>
public sealed class CheckpointVerification(TreuDbContext db)
{
    private const int BatchSize = 200;
    private const int MaxReported = 100;

    public async Task<CheckpointReport> VerifyAsync(CheckpointFile file, string trustedKey, CancellationToken ct)
    {
        var tree = new MerkleTree();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mismatches = new List<LedgerMismatch>();
        foreach (var head in file.Heads)
        {
            tree.Add(MerkleTree.Leaf(head.MemberId, head.Seq, head.Hash));
            if (!seen.Add(head.MemberId))
            {
                mismatches.Add(new(head.MemberId, null, "the checkpoint file holds this member twice"));
            }
        }

        var rootMatches = tree.Root() == file.Root && tree.Count == file.Members;
        var signatureValid = CheckpointSigner.Verify(file.PublicKey, CheckpointSigner.Message(file.ProgramId, file.Id, file.Number,
            file.StartedAt.ToUniversalTime(), file.CompletedAt.ToUniversalTime(), file.Members, file.Root), file.Signature);
        var keyTrusted = file.PublicKey == trustedKey;
        long entries = 0;
        foreach (var batch in file.Heads.Chunk(BatchSize))
        {
            var ids = batch.Select(h => h.MemberId).ToList();
            var top = batch.Max(h => h.Seq);
            var byMember = (await db.LedgerEntries.AsNoTracking().Where(e => e.ProgramId == file.ProgramId && ids.Contains(e.MemberId) && e.Seq <= top).ToListAsync(ct))
                .ToLookup(e => e.MemberId);
            foreach (var head in batch)
            {
                var chain = byMember[head.MemberId].Where(e => e.Seq <= head.Seq).OrderBy(e => e.Seq).ToList();
                entries += chain.Count;
                if (Check(head, chain) is { } problem && mismatches.Count < MaxReported)
                {
                    mismatches.Add(problem);
                }
            }
        }

        var ok = rootMatches && signatureValid && keyTrusted && mismatches.Count == 0;
        return new CheckpointReport(ok, signatureValid, rootMatches, keyTrusted, file.Heads.Count, entries, mismatches);
    }

    private static LedgerMismatch? Check(CheckpointHead head, List<LedgerEntry> chain)
    {
        var prev = EntryHash.Genesis;
        for (var i = 0; i < chain.Count; i++)
        {
            var e = chain[i];
            if (e.Seq != i + 1)
            {
                return new(head.MemberId, i + 1, $"entry {i + 1} is missing: the checkpoint covers entries 1 to {head.Seq}");
            }

            if (e.PrevHash != prev || EntryHash.Compute(e) != e.Hash)
            {
                return new(head.MemberId, e.Seq, "entry altered: its contents or its link no longer match its hash");
            }

            prev = e.Hash;
        }

        if (chain.Count != head.Seq)
        {
            return new(head.MemberId, chain.Count + 1, $"entries removed: the checkpoint covers entries 1 to {head.Seq}, the database holds {chain.Count}");
        }

        return prev == head.Hash
            ? null
            : new(head.MemberId, head.Seq,
                $"history rewritten: entries 1 to {head.Seq} no longer end in the hash the checkpoint signed (an entry was changed and the chain hashed again)");
    }
}
