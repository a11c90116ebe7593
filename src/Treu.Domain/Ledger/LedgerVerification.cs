using Treu.Domain.Members;

namespace Treu.Domain.Ledger;

/// <summary>
/// Recomputes a member's balances and hash chain from the entries alone and compares them with what is cached.
/// The auditor's check: nothing here trusts a stored total.
/// </summary>
public static class LedgerVerification
{
    public static IEnumerable<LedgerMismatch> Verify(Member member, IEnumerable<LedgerEntry> entriesBySeq, IEnumerable<PointsLot> lots)
    {
        long available = 0, pending = 0, expectedSeq = 1;
        var prev = EntryHash.Genesis;
        foreach (var e in entriesBySeq)
        {
            if (e.Seq != expectedSeq)
            {
                yield return new(member.Id, e.Seq, $"sequence gap: expected entry {expectedSeq}, found {e.Seq}");
                expectedSeq = e.Seq;
            }

            if (e.PrevHash != prev)
            {
                yield return new(member.Id, e.Seq, "chain broken: the entry does not link to the hash of the entry before it");
            }

            if (EntryHash.Compute(e) != e.Hash)
            {
                yield return new(member.Id, e.Seq, "entry altered: its contents no longer match its hash");
            }

            available += e.AvailableDelta;
            pending += e.PendingDelta;
            prev = e.Hash;
            expectedSeq++;
        }

        if (prev != member.LastHash || expectedSeq - 1 != member.LastSeq)
        {
            yield return new(member.Id, null, $"chain head mismatch: account points at entry {member.LastSeq}, the entries end at {expectedSeq - 1}");
        }

        if (available != member.Available || pending != member.Pending)
        {
            yield return new(member.Id, null,
                $"balance mismatch: cached available {member.Available} / pending {member.Pending}, entries sum to {available} / {pending}");
        }

        var lotList = lots.ToList();
        var availableInLots = lotList.Where(l => l.State == LotState.Available).Sum(l => l.Remaining);
        var pendingInLots = lotList.Where(l => l.State == LotState.Pending).Sum(l => l.Remaining);
        if (availableInLots != Math.Max(available, 0) || pendingInLots != pending)
        {
            yield return new(member.Id, null,
                $"lots mismatch: lots hold {availableInLots} available / {pendingInLots} pending, entries sum to {available} / {pending}");
        }
    }
}
