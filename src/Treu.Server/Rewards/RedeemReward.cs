using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Events;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>
/// A member spends points on a reward: the points leave through the ledger (a redeem entry naming the reward), one item
/// of its stock is taken under the stock row's lock, and the member gets a voucher, or for a donation a donation record.
/// </summary>
public sealed class RedeemReward(TreuDbContext db, MemberLedgerStore ledger, ProgramSettings programs, RewardCatalogue catalogue, TimeProvider clock,
    DomainEvents events)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, string MemberId, string RewardId);

    public async Task<Result<Order>> CheckAsync(Caller caller, string memberId, string rewardId, CancellationToken ct) =>
        new Order(caller, await programs.GetAsync(caller.ProgramId, ct), memberId, rewardId);

    public async Task<Result<RewardRedemptionView>> RunAsync(Order order, CancellationToken ct)
    {
        var (program, caller) = (order.Program, order.Caller);
        var member = await ledger.LockAsync(caller.ProgramId, order.MemberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(order.MemberId);
        }

        var reward = await db.Rewards.AsNoTracking().SingleOrDefaultAsync(r => r.ProgramId == caller.ProgramId && r.Id == order.RewardId, ct);
        if (reward is null || reward.Status == RewardStatus.Draft)
        {
            return RewardErrors.NotFound.With($"No reward '{Shorten(order.RewardId)}' in this catalogue.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // The member first, then the stock: the order every redemption takes, so that two never wait on each other.
        var stock = await db.Dialect.LockRewardStockAsync(db, program.Id, reward.Id, ct)
            ?? throw new InvalidOperationException($"Reward {reward.Id} has no stock row.");
        var redeemed = reward.LimitPerMember is null ? 0 : (await catalogue.RedeemedInPeriodsAsync(program, member.Id, [reward], now, ct)).GetValueOrDefault(reward.Id);
        if (reward.WhyNot(member, now, stock.Left, redeemed, program.PointsName) is { } refusal)
        {
            return Refused(refusal, program);
        }

        var voucherId = reward.IssuesVoucher ? Ids.New("vch") : Ids.New("don");
        var code = reward.IssuesVoucher ? VoucherCode.New() : null;
        var posting = new LedgerPosting(program, member, now);
        var spent = posting.Spend(EntryKind.Redeem, reward.PointsCost, await ledger.AvailableLotsAsync(member.Id, ct),
            new EntrySource(caller.Channel, caller.StoreId, caller.Actor, "reward", reward.Id,
                code is null ? $"Reward '{Reward.Text(reward.Name, "en")}': donation {voucherId}" : $"Reward '{Reward.Text(reward.Name, "en")}': voucher {code}"));
        if (spent.Failure is { } notEnough)
        {
            return notEnough;
        }

        stock.TryTake(reward.PointsCost);
        var at = Clock.ToStoredPrecision(now);
        VoucherView? voucherView = null;
        DonationView? donationView = null;
        if (code is not null)
        {
            var benefit = reward.Benefit;
            var voucher = new Voucher
            {
                Id = voucherId,
                ProgramId = program.Id,
                Code = code,
                MemberId = member.Id,
                RewardId = reward.Id,
                Status = VoucherStatus.Issued,
                Kind = benefit.Kind,
                Amount = benefit.Amount,
                Percent = benefit.Percent,
                MaxDiscount = benefit.MaxDiscount,
                Sku = benefit.Sku,
                Category = benefit.Category,
                MinBasket = reward.MinBasket,
                Name = new Dictionary<string, string>(reward.Name, StringComparer.Ordinal),
                Terms = new Dictionary<string, string>(reward.Terms, StringComparer.Ordinal),
                ValidFrom = at,
                ValidTo = Clock.ToStoredPrecision(reward.VoucherEnds(now)),
                IssuedAt = at,
                PointsSpent = reward.PointsCost,
                SpentLots = spent.Value.Taken.Select(t => new SpentPoints(t.Points, t.Lot.ExpiresAt)).ToList(),
            };
            ledger.Insert(voucher);
            voucherView = VoucherViews.Of(new FoundCode(code, voucher, null), now, program.Currency);
        }
        else
        {
            var amount = reward.Amount ?? 0;
            var recipient = reward.DonationRecipient ?? "";
            var donation = new Donation
            {
                Id = voucherId,
                ProgramId = program.Id,
                MemberId = member.Id,
                RewardId = reward.Id,
                Recipient = recipient,
                Amount = amount,
                Currency = program.Currency,
                PointsSpent = reward.PointsCost,
                ReceiptLine = string.Create(CultureInfo.InvariantCulture,
                    $"{amount:0.00} {program.Currency} donated to {recipient} in your name ({reward.PointsCost} {program.PointsName})"),
                CreatedAt = at,
            };
            ledger.Insert(donation);
            donationView = new DonationView(donation.Id, donation.Recipient, donation.Amount, donation.Currency, donation.PointsSpent, donation.ReceiptLine, donation.CreatedAt);
        }

        ledger.Post(posting);
        var balance = new EventBalance(member.Available, member.Pending);
        events.Record(member, EventTypes.RewardRedeemed,
            new RewardRedeemed(member.Id, reward.Id, reward.Name, reward.PointsCost, voucherView is null ? null : voucherId, donationView?.Id, balance), now);
        if (voucherView is not null)
        {
            var benefit = reward.Benefit;
            events.Record(member, EventTypes.VoucherIssued, new VoucherIssued(member.Id, voucherId, code!, reward.Id, benefit.Kind, benefit.Amount, benefit.Percent,
                voucherView.ValidFrom, voucherView.ValidTo), now);
        }

        return new RewardRedemptionView(reward.Id, member.Id, reward.PointsCost, spent.Value.Entry.Id, voucherView, donationView,
            new BalanceView(member.Available, member.Pending));
    }

    private static Failure Refused(RewardRefusal refusal, LoyaltyProgram program) => refusal.Reason switch
    {
        "not_available" => RewardErrors.NotAvailable.With("This reward is not on offer now."),
        "member_blocked" => MemberErrors.Blocked.With("This member is blocked: no points can be earned, redeemed or moved."),
        "sold_out" => RewardErrors.SoldOut.With("This reward is sold out."),
        "limit_reached" => RewardErrors.LimitReached.With($"{refusal.En}: the limit for this reward is reached."),
        "not_enough_points" => LedgerErrors.InsufficientPoints.With($"{refusal.En}: this reward costs more {program.PointsName} than the member has available."),
        _ => RewardErrors.NotEligible.With($"{refusal.En}: this member may not redeem this reward."),
    };

    public static string Shorten(string id) => id.Length > 64 ? id[..64] : id;
}
