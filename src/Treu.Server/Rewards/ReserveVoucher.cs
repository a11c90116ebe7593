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
/// Holds a voucher for one basket (channel, store and receipt id) for <c>Treu:Rewards:ReservationMinutes</c>: meanwhile
/// another till or another order gets 409 <c>voucher_reserved</c>, and the purchase with that receipt id uses it. Holding
/// it again for the same basket extends the hold.
/// </summary>
public sealed class ReserveVoucher(TreuDbContext db, VoucherCheck check, ProgramSettings programs, TimeProvider clock, IOptions<TreuOptions> options)
{
    public sealed record Order(Caller Caller, LoyaltyProgram Program, CheckedCode Code);

    public async Task<Result<Order>> CheckAsync(Caller caller, string code, VoucherCheckRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var request = VoucherRequests.Check(caller, program, body, code, requireExternalId: true, clock, options.Value.Limits.MaxBasketLines);
        return request.Failure is { } invalid ? invalid : new Order(caller, program, request.Value);
    }

    public async Task<Result<VoucherView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, asked) = (order.Caller, order.Code);
        var found = await check.FindAsync(caller, asked.Code, forUpdate: true, ct);
        if (found.Failure is { } unknown)
        {
            return unknown;
        }

        if (found.Value.Voucher is not { } voucher)
        {
            return VoucherErrors.NotReservable.With("A public coupon code is shared by everyone and cannot be held for one basket; use it with the purchase.", "code");
        }

        Member? member = null;
        if (asked.MemberId is { } memberId && (member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == memberId, ct)) is null)
        {
            return MemberErrors.NoSuchMember(memberId);
        }

        var onBasket = await check.CheckAsync(found.Value, asked.Use(member), order.Program, ct);
        if (onBasket.Failure is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        voucher.Reserve(asked.Holder, Clock.ToStoredPrecision(now.AddMinutes(options.Value.Rewards.ReservationMinutes)));
        return VoucherViews.Of(found.Value, now, order.Program.Currency);
    }
}
