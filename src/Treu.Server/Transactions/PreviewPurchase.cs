using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Purchases;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Transactions;

/// <summary>A dry run of a basket: what it would earn, how much could be redeemed and why, with every rule explained. Changes nothing.</summary>
public sealed class PreviewPurchase(TreuDbContext db, RuledEarning rules, ProgramSettings programs, TimeProvider clock, IOptions<LimitOptions> limits,
    IEnumerable<IPurchaseParticipant> participants)
{
    public async Task<Result<PreviewView>> RunAsync(Caller caller, PurchaseRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var check = new Validation();
        var (lines, currency) = BasketValidation.Check(check, program, body, requireMember: false, clock, limits.Value.MaxBasketLines);
        if ((check.ToFailure() ?? currency) is { } invalid)
        {
            return invalid;
        }

        Member? member = null;
        if (body.MemberId is not null)
        {
            member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == body.MemberId, ct);
            if (member is null)
            {
                return MemberErrors.NoSuchMember(body.MemberId);
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var occurredAt = Clock.ToStoredPrecision(body.OccurredAt?.ToUniversalTime() ?? now);
        var channel = Channels.Resolve(caller, body.Channel);
        var store = Channels.ResolveStore(caller, body.StoreId);
        if ((channel.Failure ?? store.Failure) is { } denied)
        {
            return denied;
        }

        var order = new RecordPurchase.Order(caller, program, body.MemberId ?? "", body.ExternalId ?? "", channel.Value, store.Value, body.OccurredAt, lines,
            body.RedeemPoints ?? 0, RecordPurchase.PaymentMethodsOf(body), body.Vouchers);
        var previewed = new PurchaseInProgress
        {
            Caller = caller,
            Program = program,
            Member = member,
            Order = order,
            DryRun = true,
            Now = now,
            OccurredAt = occurredAt,
            Lines = [.. lines],
        };
        // A participant's refusal (an unusable voucher …) is what recording the basket would answer, so the preview answers it.
        foreach (var participant in participants)
        {
            if (await participant.PrepareAsync(previewed, ct) is { } refused)
            {
                return refused;
            }
        }

        lines = previewed.Lines;
        var total = lines.Sum(l => l.NetAmount);
        var available = member?.Available ?? 0;
        var requested = body.RedeemPoints ?? 0;
        var refusal = member?.RefusesPoints() ?? (requested > 0 ? RedemptionPolicy.Check(program, total, available, requested) : null);

        var earned = await rules.ForBasketAsync(program, member, channel.Value, store.Value, occurredAt, lines, RecordPurchase.PaymentMethodsOf(body),
            refusal is null ? requested : 0, explain: true, ct);
        var earning = earned.Basket;
        var maxRedeemable = member is { Status: MemberStatus.Active } ? RedemptionPolicy.MaxRedeemable(program, total, available) : 0;
        return new PreviewView(
            member?.Id,
            program.Currency,
            earning.Total,
            earning.Total - earning.RedeemedValue,
            earning.EligibleAmount,
            EarnedView.Of(program, earned.Points, occurredAt, now),
            new RedeemPreview(requested, refusal is null ? earning.RedeemedValue : 0, maxRedeemable, maxRedeemable * program.PointValue, refusal is null, refusal?.Code,
                refusal?.Message),
            earned.Evaluation.Cashback,
            member is null ? null : new BalanceView(member.Available, member.Pending),
            EarnRuleView.From(earned.Evaluation),
            lines.Select((l, i) => LineView.Of(l, i + 1, earning.Lines[i], earned.PointsOfLine(i + 1))).ToList(),
            previewed.Vouchers);
    }
}
