using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>Withdraws an unused voucher: a member changed their mind, or staff took it back. A reward voucher's points come back (program setting, default yes).</summary>
public sealed class CancelVoucher(TreuDbContext db, MemberLedgerStore ledger, ProgramSettings programs, TimeProvider clock)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, string Code, string? MemberId);

    public async Task<Result<Order>> CheckAsync(Caller caller, string code, CancellationToken ct)
    {
        var (shape, canonical) = VoucherCode.Read(code);
        if (shape != VoucherCode.Shape.Valid)
        {
            return shape == VoucherCode.Shape.Mistyped
                ? VoucherErrors.Malformed.With("The code's last character does not match the others: check it for a typo.", "code")
                : VoucherErrors.Unknown();
        }

        var owner = await db.Vouchers.AsNoTracking().Where(v => v.ProgramId == caller.ProgramId && v.Code == canonical).Select(v => new { v.MemberId }).FirstOrDefaultAsync(ct);
        return owner is null ? VoucherErrors.Unknown() : new Order(caller, await programs.GetAsync(caller.ProgramId, ct), canonical!, owner.MemberId);
    }

    public async Task<Result<VoucherView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, program) = (order.Caller, order.Program);
        var member = order.MemberId is { } memberId ? await ledger.LockAsync(caller.ProgramId, memberId, ct) : null;
        var voucher = await db.Dialect.LockVoucherAsync(db, caller.ProgramId, order.Code, ct);
        if (voucher is null)
        {
            return VoucherErrors.Unknown();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var campaign = voucher.CampaignId is { } id ? await db.CouponCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == caller.ProgramId && c.Id == id, ct) : null;
        var found = new FoundCode(voucher.Code, voucher, campaign);
        if (voucher.Unusable(now, voucher.ReservedFor, null, found.ValidTo) is { } closed)
        {
            return closed;
        }

        var stock = voucher.RewardId is { } rewardId ? await db.Dialect.LockRewardStockAsync(db, caller.ProgramId, rewardId, ct) : null;
        var posting = member is null ? null : new LedgerPosting(program, member, now);
        UnusedVouchers.Close(program, voucher, VoucherStatus.Cancelled, posting, stock,
            new EntrySource(caller.Channel, caller.StoreId, caller.Actor, "voucher", voucher.Id, $"Voucher {voucher.Code} cancelled unused: its points back"),
            Clock.ToStoredPrecision(now));
        if (posting is not null)
        {
            ledger.Post(posting);
        }

        return VoucherViews.Of(found, now, program.Currency);
    }
}
