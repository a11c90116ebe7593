using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>
/// Uses a code outside a purchase recorded here: a ticket at the cinema's door, or a webshop that computes its own
/// totals. The code with the receipt or order id is a natural idempotency key: the same redemption sent again gets the
/// first answer; the code on another receipt is refused as used.
/// </summary>
public sealed class RedeemVoucher(TreuDbContext db, MemberLedgerStore ledger, VoucherCheck check, ProgramSettings programs, TimeProvider clock,
    IOptions<LimitOptions> limits)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, CheckedCode Code, string? VoucherMember)
    {
        public IdempotencyKey Receipt => new($"voucher:{Code.Key}", $"{Code.Channel}|{Code.StoreId}|{Code.ExternalId}", true,
            $"Code '{Code.Key}' on receipt '{Code.ExternalId}' (channel {Code.Channel}, store {Code.StoreId ?? "none"})");

        /// <summary>The member whose ledger lane the write takes: the basket's, or the voucher's own.</summary>
        public CommitGroup Group => (Code.MemberId ?? VoucherMember) is { } member ? CommitGroup.ForMember(member) : CommitGroup.Any;
    }

    public async Task<Result<Order>> CheckAsync(Caller caller, string code, VoucherCheckRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var request = VoucherRequests.Check(caller, program, body, code, requireExternalId: true, clock, limits.Value.MaxBasketLines);
        if (request.Failure is { } invalid)
        {
            return invalid;
        }

        var key = request.Value.Key;
        var owner = await db.Vouchers.AsNoTracking().Where(v => v.ProgramId == caller.ProgramId && v.Code == key).Select(v => v.MemberId).FirstOrDefaultAsync(ct);
        return new Order(caller, program, request.Value, owner);
    }

    public async Task<Result<VoucherRedemptionView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, asked) = (order.Caller, order.Code);
        Member? member = null;
        if (asked.MemberId is { } memberId && (member = await ledger.LockAsync(caller.ProgramId, memberId, ct)) is null)
        {
            return MemberErrors.NoSuchMember(memberId);
        }

        var found = await check.FindAsync(caller, asked.Code, forUpdate: true, ct);
        if (found.Failure is { } unknown)
        {
            return unknown;
        }

        var onBasket = await check.CheckAsync(found.Value, asked.Use(member), order.Program, ct);
        if (onBasket.Failure is { } refused)
        {
            return refused;
        }

        var use = onBasket.Value;
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var discount = use.Discount ?? 0;
        use.Found.Voucher?.Redeem(now, null, asked.ExternalId!, discount);
        if (use.Found.Campaign is { } campaign)
        {
            campaign.Record(discount);
            ledger.Insert(new CouponRedemption
            {
                Id = Ids.New("cpr"),
                ProgramId = caller.ProgramId,
                CampaignId = campaign.Id,
                MemberId = member?.Id,
                Code = use.Found.Code,
                ExternalId = asked.ExternalId!,
                Discount = discount,
                RedeemedAt = now,
            });
        }

        return new VoucherRedemptionView(use.Found.Code, asked.ExternalId!, use.Discount, VoucherViews.Lines(use), VoucherViews.Of(use.Found, now, order.Program.Currency));
    }
}
