using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;

namespace Treu.Domain.Ledger;

/// <summary>
/// The only place balances change. Each operation posts one entry that extends the member's hash chain, moves
/// the cached balances by exactly the entry's deltas and keeps the lots in step. The caller holds the member's
/// lock and saves entries, lots and member in one database transaction.
/// </summary>
public sealed class LedgerPosting(LoyaltyProgram program, Member member, DateTime now)
{
    private readonly DateTime _now = Clock.ToStoredPrecision(now);

    public Member Member => member;
    public List<LedgerEntry> Entries { get; } = [];
    public List<PointsLot> NewLots { get; } = [];

    /// <summary>
    /// Earned points: a new lot, pending through the return window unless <paramref name="pending"/> is false.
    /// The window runs from <paramref name="windowStart"/> (the purchase time; default now), so a till that syncs a
    /// purchase days later does not hold the points back longer, and one older than the window earns available points.
    /// </summary>
    public LedgerEntry Earn(long points, EntrySource source, bool pending = true, DateTime? windowStart = null)
    {
        Positive(points);
        var availableAt = Clock.ToStoredPrecision(windowStart ?? _now).AddDays(program.PendingDays);
        pending &= program.PendingDays > 0 && availableAt > _now;
        var lot = NewLot(points, source, pending ? LotState.Pending : LotState.Available);
        member.LifetimeEarned += points;
        if (pending)
        {
            lot.AvailableAt = availableAt;
            return Post(EntryKind.Earn, 0, points, source, lot.Id);
        }

        SettleDebt(lot);
        return Post(EntryKind.Earn, points, 0, source, lot.Id);
    }

    /// <summary>The return window has passed: what is left of a pending lot becomes available.</summary>
    public LedgerEntry? Activate(PointsLot lot, EntrySource source)
    {
        if (lot.State != LotState.Pending)
        {
            return null;
        }

        var points = lot.Remaining;
        lot.State = LotState.Available;
        SettleDebt(lot);
        return points == 0 ? null : Post(EntryKind.Activate, points, -points, source, lot.Id);
    }

    /// <summary>Spends available points from the lots that expire first (in whatever order they are given). Fails when the balance does not cover it.</summary>
    public Result<(LedgerEntry Entry, IReadOnlyList<LotTake> Taken)> Spend(EntryKind kind, long points, IEnumerable<PointsLot> lots, EntrySource source)
    {
        Positive(points);
        if (member.Available < points)
        {
            return LedgerErrors.InsufficientPoints.With($"The member has {member.Available} points available; {points} were asked for.", "points");
        }

        var taken = Take(points, PointsLot.InSpendingOrder(lots));
        if (taken.Sum(t => t.Points) != points)
        {
            throw new InvalidOperationException($"Lots of member {member.Id} do not cover the available balance: ledger needs verification.");
        }

        if (kind == EntryKind.Redeem)
        {
            member.LifetimeSpent += points;
        }

        return (Post(kind, -points, 0, source, taken.Count == 1 ? taken[0].Lot.Id : null), taken);
    }

    /// <summary>Points given (refund, transfer, manual credit): new available lots, with the expiry dates given.</summary>
    public LedgerEntry Credit(EntryKind kind, IReadOnlyList<(long Points, DateTime? ExpiresAt)> parts, EntrySource source)
    {
        var total = parts.Sum(p => p.Points);
        Positive(total);
        string? lotId = null;
        long credited = 0;
        foreach (var (points, expiresAt) in parts.Where(p => p.Points > 0))
        {
            var lot = NewLot(points, source, LotState.Available);
            lot.ExpiresAt = expiresAt;
            // The balance moves only when the entry is posted: the parts before this one have already paid their share of the debt.
            SettleDebt(lot, creditedBefore: credited);
            credited += points;
            lotId ??= lot.Id;
        }

        if (kind == EntryKind.Refund)
        {
            member.LifetimeSpent -= total;
        }

        return Post(kind, total, 0, source, lotId);
    }

    public LedgerEntry Credit(EntryKind kind, long points, EntrySource source) =>
        Credit(kind, [(points, program.ExpiryFor(_now))], source);

    /// <summary>
    /// Takes back earned points for returned goods: from the purchase's own lot while it is pending, then from
    /// available points; what was already spent follows the program's return policy.
    /// </summary>
    public Reversal Reverse(long points, PointsLot? purchaseLot, IEnumerable<PointsLot> availableLots, EntrySource source)
    {
        Positive(points);
        long fromPending = 0;
        if (purchaseLot is { State: LotState.Pending })
        {
            fromPending = Math.Min(points, purchaseLot.Remaining);
            purchaseLot.Remaining -= fromPending;
            if (purchaseLot.Remaining == 0)
            {
                purchaseLot.State = LotState.Closed;
            }
        }

        var rest = points - fromPending;
        var preferred = purchaseLot is { State: LotState.Available } ? new[] { purchaseLot } : [];
        var ordered = preferred.Concat(PointsLot.InSpendingOrder(availableLots).Where(l => l != purchaseLot));
        var fromAvailable = rest > 0 ? Take(Math.Min(rest, Math.Max(member.Available, 0)), ordered).Sum(t => t.Points) : 0;
        var shortfall = rest - fromAvailable;
        var availableDelta = -fromAvailable;
        if (shortfall > 0 && program.ReturnPolicy == SpentPointsReturnPolicy.AllowNegative)
        {
            availableDelta -= shortfall;
            fromAvailable += shortfall;
            shortfall = 0;
        }

        member.LifetimeEarned -= fromPending + fromAvailable;
        var entry = fromPending + fromAvailable == 0 ? null : Post(EntryKind.Reverse, availableDelta, -fromPending, source, purchaseLot?.Id);
        return new Reversal(entry, fromPending, fromAvailable, shortfall);
    }

    /// <summary>The lot's expiry date has come: what is left of it expires.</summary>
    public LedgerEntry? Expire(PointsLot lot, EntrySource source)
    {
        if (lot.State != LotState.Available || lot.Remaining == 0)
        {
            return null;
        }

        var points = lot.Remaining;
        lot.Remaining = 0;
        lot.State = LotState.Closed;
        return Post(EntryKind.Expire, -points, 0, source, lot.Id);
    }

    private List<LotTake> Take(long points, IEnumerable<PointsLot> lots)
    {
        var taken = new List<LotTake>();
        foreach (var lot in lots)
        {
            if (points == 0)
            {
                break;
            }

            if (lot.State != LotState.Available || lot.Remaining == 0)
            {
                continue;
            }

            var take = Math.Min(points, lot.Remaining);
            lot.Remaining -= take;
            if (lot.Remaining == 0)
            {
                lot.State = LotState.Closed;
            }

            points -= take;
            taken.Add(new LotTake(lot, take));
        }

        return taken;
    }

    /// <summary>
    /// A negative balance (a return under the allow-negative policy) is a debt: points that become available
    /// pay it first, so the lots never hold more than the balance.
    /// </summary>
    private void SettleDebt(PointsLot lot, long creditedBefore = 0)
    {
        var debt = -(member.Available + creditedBefore);
        if (debt <= 0 || lot.State != LotState.Available)
        {
            return;
        }

        var settle = Math.Min(lot.Remaining, debt);
        lot.Remaining -= settle;
        if (lot.Remaining == 0)
        {
            lot.State = LotState.Closed;
        }
    }

    private PointsLot NewLot(long points, EntrySource source, LotState state)
    {
        var lot = new PointsLot
        {
            Id = Ids.New("lot"),
            ProgramId = member.ProgramId,
            MemberId = member.Id,
            State = state,
            Original = points,
            Remaining = points,
            EarnedAt = _now,
            ExpiresAt = program.ExpiryFor(_now),
            CauseType = source.CauseType,
            CauseId = source.CauseId,
        };
        NewLots.Add(lot);
        return lot;
    }

    private LedgerEntry Post(EntryKind kind, long availableDelta, long pendingDelta, EntrySource source, string? lotId)
    {
        var entry = new LedgerEntry
        {
            Id = Ids.New("led"),
            ProgramId = member.ProgramId,
            MemberId = member.Id,
            Seq = member.LastSeq + 1,
            Kind = kind,
            AvailableDelta = availableDelta,
            PendingDelta = pendingDelta,
            Reason = source.Reason,
            Channel = source.Channel,
            StoreId = source.StoreId,
            Actor = source.Actor,
            CauseType = source.CauseType,
            CauseId = source.CauseId,
            LotId = lotId,
            Rules = source.Rules,
            CreatedAt = _now,
            PrevHash = member.LastHash,
            Hash = "",
        };
        entry.Hash = EntryHash.Compute(entry);
        member.LastSeq = entry.Seq;
        member.LastHash = entry.Hash;
        member.Available += availableDelta;
        member.Pending += pendingDelta;
        member.UpdatedAt = _now;
        Entries.Add(entry);
        return entry;
    }

    private static void Positive(long points)
    {
        if (points <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "A posting moves a positive number of points.");
        }
    }
}
