using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>Whether a code can be used on a basket, and exactly what it gives there. Changes nothing.</summary>
public sealed class ValidateVoucher(TreuDbContext db, VoucherCheck check, ProgramSettings programs, TimeProvider clock, IOptions<LimitOptions> limits)
{
    public async Task<Result<VoucherValidationView>> RunAsync(Caller caller, VoucherCheckRequest body, CancellationToken ct)
    {
        var program = await programs.GetAsync(caller.ProgramId, ct);
        var request = VoucherRequests.Check(caller, program, body, null, requireExternalId: false, clock, limits.Value.MaxBasketLines);
        if (request.Failure is { } invalid)
        {
            return invalid;
        }

        var asked = request.Value;
        var found = await check.FindAsync(caller, asked.Code, forUpdate: false, ct);
        if (found.Failure is { } unknown)
        {
            return unknown;
        }

        Member? member = null;
        if (asked.MemberId is { } memberId && (member = await db.Members.AsNoTracking().SingleOrDefaultAsync(m => m.ProgramId == caller.ProgramId && m.Id == memberId, ct)) is null)
        {
            return MemberErrors.NoSuchMember(memberId);
        }

        var onBasket = await check.CheckAsync(found.Value, asked.Use(member), program, ct);
        if (onBasket.Failure is { } refused)
        {
            return refused;
        }

        var use = onBasket.Value;
        return new VoucherValidationView(use.Found.Code, true, VoucherViews.Of(use.Found, clock.GetUtcNow().UtcDateTime, program.Currency), use.Discount,
            use.Discount is { } discount ? asked.BasketTotal - discount : null, VoucherViews.Lines(use));
    }
}
