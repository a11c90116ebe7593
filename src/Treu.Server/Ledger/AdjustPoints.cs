using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Staff;
using Treu.Server.Storage;
using Treu.Server.Tiers;
using Treu.Server.Transactions;

namespace Treu.Server.Ledger;

/// <summary>A manual correction by staff: a credit or a debit, always with a reason that stays on the entry.</summary>
public sealed class AdjustPoints(MemberLedgerStore ledger, ProgramSettings programs, TimeProvider clock, TierQualification tiers, DomainEvents events)
{
    public const long MaxAdjustment = 10_000_000;

    public sealed record Order(Caller Caller, LoyaltyProgram Program, string MemberId, long Points, string Reason);

    public async Task<Result<Order>> CheckAsync(Caller caller, string memberId, AdjustmentRequest body, CancellationToken ct)
    {
        var check = new Validation().Require("reason", body.Reason, 500);
        // Compared without Math.Abs: the absolute value of long.MinValue overflows.
        if (body.Points is not { } points || points == 0 || points < -MaxAdjustment || points > MaxAdjustment)
        {
            check.Add("points", $"must be a non-zero whole number between -{MaxAdjustment} and {MaxAdjustment}");
        }

        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var limit = program.SupportAdjustmentLimit;
        if (caller.Person is { Role: StaffRoles.Support } && (body.Points > limit || body.Points < -limit))
        {
            return StaffErrors.AdjustmentOverLimit.With(
                $"Support may adjust at most {limit} points at once; ask a manager for more.", "points");
        }

        return new Order(caller, program, memberId, body.Points!.Value, body.Reason!.Trim());
    }

    public async Task<Result<AdjustmentView>> RunAsync(Order order, CancellationToken ct)
    {
        var member = await ledger.LockAsync(order.Caller.ProgramId, order.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(order.MemberId);
        }

        var adjustmentId = Ids.New("adj");
        var source = new EntrySource("admin", null, order.Caller.Actor, "adjustment", adjustmentId, order.Reason);
        var now = clock.GetUtcNow().UtcDateTime;
        var posting = new LedgerPosting(order.Program, member, now);
        LedgerEntry entry;
        if (order.Points > 0)
        {
            entry = posting.Credit(EntryKind.Adjust, order.Points, source);
            events.Record(member, EventTypes.PointsEarned,
                PurchaseEvents.Earned(member.Id, posting.NewLots[^1], "adjustment", adjustmentId, new EventBalance(member.Available, member.Pending)), now);
        }
        else
        {
            var spent = posting.Spend(EntryKind.Adjust, -order.Points, await ledger.AvailableLotsAsync(member.Id, ct), source);
            if (spent.Failure is { } failure)
            {
                return failure;
            }

            entry = spent.Value.Entry;
        }

        // A credit qualifies like earned points; a debit corrects one and takes its points back, for the next review.
        TierMoveView? tier = null;
        if (order.Points > 0)
        {
            tier = await tiers.QualifyAsync(order.Program, member, new QualifyingAmounts(order.Points, 0, 0), now, now, TierCauses.Adjustment, adjustmentId, ct);
        }
        else
        {
            await tiers.TakeBackAsync(order.Program, member, new QualifyingAmounts(-order.Points, 0, 0), now, ct);
        }

        ledger.Post(posting);
        return new AdjustmentView(adjustmentId, member.Id, LedgerEntryView.From(entry), new BalanceView(member.Available, member.Pending), tier);
    }
}
