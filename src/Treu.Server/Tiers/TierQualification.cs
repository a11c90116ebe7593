using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Tiers;

/// <summary>
/// Keeps each member's qualification up to date with what the member does, on the member row the write already holds:
/// a purchase adds its points, spend and one purchase, an action or a credit its points, a return takes its share back.
/// When that crosses a threshold the member goes up in the same write, and its answer says so; the rules of that same
/// purchase have already seen the tier before. A program without tiers costs a look-up in a cache.
/// </summary>
public sealed class TierQualification(TierLadders ladders, TierMoves moves, TreuDbContext db) : IPurchaseParticipant, IReturnParticipant
{
    public ValueTask<Domain.Common.Failure?> PrepareAsync(PurchaseInProgress purchase, CancellationToken ct) => ValueTask.FromResult<Domain.Common.Failure?>(null);

    public async ValueTask CompleteAsync(PurchaseInProgress purchase, CancellationToken ct)
    {
        if (purchase.Member is not { } member || purchase.Purchase is not { } recorded)
        {
            return;
        }

        var amounts = new QualifyingAmounts(recorded.PointsEarned, recorded.EligibleAmount, recorded.EligibleAmount > 0 ? 1 : 0);
        purchase.Tier = await QualifyAsync(purchase.Program, member, amounts, recorded.OccurredAt, purchase.Now, TierCauses.Purchase, recorded.Id, ct);
    }

    public async ValueTask CompleteAsync(ReturnInProgress ret, CancellationToken ct)
    {
        if (await ladders.GetAsync(ret.Program.Id, ct) is not { } ladder)
        {
            return;
        }

        // A line returned in parts gives back exactly its eligible amount in all, like its points (Allocation.Cumulative).
        var spend = ret.Shares.Sum(s => Share(s.Line.EligibleAmount, s.Line.ReturnedQuantity, s.Line.Quantity)
            - Share(s.Line.EligibleAmount, s.Line.ReturnedQuantity - s.Quantity, s.Line.Quantity));
        var amounts = new QualifyingAmounts(ret.Shares.Sum(s => s.PointsReversed), spend, ret.WholePurchaseReturned && ret.Purchase.EligibleAmount > 0 ? 1 : 0);
        var zone = RuledEarning.TimeZoneOf(ret.Program);
        TierPolicy.TakeBack(ret.Member, amounts, ret.Purchase.OccurredAt, zone);
        if (ladder.Ladder.Returns != ReturnDemotion.AtOnce || !TierPolicy.QualifiesBelowTier(ret.Member, ladder.Ladder, ret.Now, zone))
        {
            return;
        }

        var heldThen = await TierHeldAtAsync(ret.Member.Id, ret.Purchase, ct);
        if (TierPolicy.DemoteAfterReturn(ret.Member, ladder.Ladder, heldThen, ret.Now, zone) is { } move)
        {
            ret.Tier = moves.Record(ret.Member, ladder, move, TierCauses.Return, ret.Return.Id, null, ret.Now);
        }
    }

    /// <summary>Counts what the member did (a purchase, an action's or a credit's points); the tier change it made, if any.</summary>
    public async Task<TierMoveView?> QualifyAsync(LoyaltyProgram program, Member member, QualifyingAmounts amounts, DateTime occurredAt, DateTime now, string cause,
        string causeId, CancellationToken ct)
    {
        if (amounts.IsNone || await ladders.GetAsync(program.Id, ct) is not { } ladder)
        {
            return null;
        }

        return TierPolicy.Qualify(member, ladder.Ladder, amounts, occurredAt, now, RuledEarning.TimeZoneOf(program)) is { } move
            ? moves.Record(member, ladder, move, cause, causeId, null, now)
            : null;
    }

    /// <summary>Takes qualifying points back (a debit by hand): the tier stays until its review.</summary>
    public async Task TakeBackAsync(LoyaltyProgram program, Member member, QualifyingAmounts amounts, DateTime at, CancellationToken ct)
    {
        if (await ladders.GetAsync(program.Id, ct) is not null)
        {
            TierPolicy.TakeBack(member, amounts, at, RuledEarning.TimeZoneOf(program));
        }
    }

    /// <summary>
    /// The tier the member held when the purchase was made, before any change it made itself: from the tier history; null
    /// for the base tier.
    /// </summary>
    private async Task<string?> TierHeldAtAsync(string memberId, Domain.Purchases.Purchase purchase, CancellationToken ct)
    {
        var changes = db.TierChanges.AsNoTracking().Where(c => c.MemberId == memberId);
        if (await changes.Where(c => c.CauseId == purchase.Id).Select(c => new { c.FromTier }).FirstOrDefaultAsync(ct) is { } made)
        {
            return made.FromTier;
        }

        return await changes.Where(c => c.At <= purchase.RecordedAt).OrderByDescending(c => c.At).ThenByDescending(c => c.Id).Select(c => c.ToTier).FirstOrDefaultAsync(ct);
    }

    private static decimal Share(decimal amount, decimal part, decimal whole) => whole == 0 ? 0 : Math.Round(amount * part / whole, 2, MidpointRounding.AwayFromZero);
}
