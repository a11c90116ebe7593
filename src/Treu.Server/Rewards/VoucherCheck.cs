using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Programs;
using Treu.Domain.Purchases;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>
/// Finds a typed code in the program and says whether it can be used here, now, by this basket, and exactly what it
/// gives on it. Every way a code is used goes through here: validating, reserving, redeeming, a purchase and its preview.
/// A code this program does not have gets the same answer whether or not another program has it, and counts against the
/// key's <see cref="CodeGuesses"/>.
/// </summary>
public sealed class VoucherCheck(TreuDbContext db, CodeGuesses guesses, TimeProvider clock)
{
    /// <summary>The basket a reservation holds a code for: channel, store and receipt id.</summary>
    public static string Holder(string channel, string? storeId, string? externalId) => $"{channel}|{storeId}|{externalId}";

    /// <summary>
    /// The code and what it belongs to; with <paramref name="forUpdate"/>, the voucher and its campaign locked for the rest
    /// of the transaction (after the member) and tracked, so that the caller's changes to them are saved with it.
    /// </summary>
    public async Task<Result<FoundCode>> FindAsync(Caller caller, string? typed, bool forUpdate, CancellationToken ct)
    {
        if (guesses.Refuses(caller) is { } tooMany)
        {
            return tooMany;
        }

        var programId = caller.ProgramId;
        var (shape, canonical) = VoucherCode.Read(typed);
        if (shape == VoucherCode.Shape.Valid)
        {
            var voucher = forUpdate
                ? await db.Dialect.LockVoucherAsync(db, programId, canonical!, ct)
                : await db.Vouchers.AsNoTracking().SingleOrDefaultAsync(v => v.ProgramId == programId && v.Code == canonical, ct);
            if (voucher is not null)
            {
                var campaign = voucher.CampaignId is { } id ? await CampaignAsync(programId, id, forUpdate, ct) : null;
                return new FoundCode(voucher.Code, voucher, campaign);
            }
        }

        var compact = VoucherCode.Compact(typed);
        if (compact is null)
        {
            guesses.Missed(caller);
            return VoucherErrors.Malformed.With("A code holds letters, digits, spaces and dashes only.", "code");
        }

        var publicId = compact.Length <= 32
            ? await db.CouponCampaigns.AsNoTracking().Where(c => c.ProgramId == programId && c.PublicCode == compact).Select(c => c.Id).SingleOrDefaultAsync(ct)
            : null;
        if (publicId is not null && await CampaignAsync(programId, publicId, forUpdate, ct) is { } open)
        {
            return new FoundCode(compact, null, open);
        }

        guesses.Missed(caller);
        return shape == VoucherCode.Shape.Mistyped
            ? VoucherErrors.Malformed.With("The code's last character does not match the others: check it for a typo.", "code")
            : VoucherErrors.Unknown();
    }

    private async Task<CouponCampaign?> CampaignAsync(string programId, string id, bool forUpdate, CancellationToken ct) => forUpdate
        ? await db.Dialect.LockCouponCampaignAsync(db, programId, id, ct)
        : await db.CouponCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.ProgramId == programId && c.Id == id, ct);

    /// <summary>Whether the code can be used for <paramref name="use"/>, and what it gives on its basket. Changes nothing.</summary>
    public async Task<Result<CodeOnBasket>> CheckAsync(FoundCode found, CodeUse use, LoyaltyProgram program, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (found.Voucher is { } voucher)
        {
            if (voucher.Unusable(now, use.Holder, found.ValidFrom, found.ValidTo) is { } unusable)
            {
                return unusable;
            }

            if (voucher.MemberId is { } owner && use.Member is { } member && member.Id != owner)
            {
                return VoucherErrors.NotYours.With("This voucher belongs to another member.", "code");
            }
        }

        if (found.Campaign is { } campaign && await RefusesAsync(campaign, use, now, ct) is { } refused)
        {
            return refused;
        }

        if (use.Lines is null)
        {
            return found.Campaign?.Room(0).Failure is { } exhausted ? exhausted : new CodeOnBasket(found, null, []);
        }

        if (found.MinBasket is { } minimum && use.BasketTotal < minimum)
        {
            return VoucherErrors.BasketBelowMinimum.With(
                $"This code needs a basket of at least {minimum:0.00} {program.Currency}; this one comes to {use.BasketTotal:0.00} {program.Currency}.", "code");
        }

        var applied = found.Benefit.Apply(use.Lines, line => MayTake(program, found.Campaign, line));
        if (applied.Failure is { } nothing)
        {
            return nothing with { Field = "code" };
        }

        var (discount, shares) = (applied.Value.Discount, applied.Value.LineShares);
        if (found.Campaign is { } capped)
        {
            var room = capped.Room(discount);
            if (room.Failure is { } exhausted)
            {
                return exhausted;
            }

            if (room.Value < discount)
            {
                shares = Allocation.Money(room.Value, shares);
                discount = room.Value;
            }
        }

        return new CodeOnBasket(found, discount, shares);
    }

    /// <summary>A discount never pays the program's excluded categories (tax, shipping, gift cards), and a coupon only the lines it covers.</summary>
    private static bool MayTake(LoyaltyProgram program, CouponCampaign? campaign, BasketLine line) =>
        !(line.Category is { } c && program.ExcludedCategories.Contains(c, StringComparer.OrdinalIgnoreCase)) && (campaign?.Covers(line) ?? true);

    private async Task<Failure?> RefusesAsync(CouponCampaign campaign, CodeUse use, DateTime now, CancellationToken ct)
    {
        if (campaign.Refuses(now, use.Channel, use.StoreId, use.Member is not null) is { } refused)
        {
            return refused;
        }

        if ((campaign.FirstPurchaseOnly || campaign.OncePerMember) && use.Member is null)
        {
            return VoucherErrors.MemberRequired.With("This coupon is counted per member: identify the member first.", "code");
        }

        var memberId = use.Member?.Id;
        if (campaign.FirstPurchaseOnly && await db.Purchases.AnyAsync(p => p.MemberId == memberId, ct))
        {
            return VoucherErrors.CouponFirstPurchaseOnly.With("This coupon is for a member's first purchase only.", "code");
        }

        if (campaign.OncePerMember && await db.CouponRedemptions.AnyAsync(r => r.ProgramId == campaign.ProgramId && r.CampaignId == campaign.Id && r.MemberId == memberId
                && r.ReturnedAt == null, ct))
        {
            return VoucherErrors.CouponOncePerMember.With("This member has already used this coupon.", "code");
        }

        return null;
    }
}
