using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>
/// Vouchers and coupons in a purchase (<c>vouchers: ["TREU-…", "WELCOME10"]</c>): before the points are computed, each
/// code is found, locked and checked, and its discount comes off the lines, so that the basket earns on what is paid;
/// after, each is used with the purchase. A purchase that comes back whole gives its codes back. A basket without codes
/// costs one comparison.
/// </summary>
public sealed class VoucherParticipant(VoucherCheck check, TreuDbContext db, MemberLedgerStore ledger) : IPurchaseParticipant, IReturnParticipant
{
    private readonly List<CodeOnBasket> _used = [];

    public async ValueTask<Failure?> PrepareAsync(PurchaseInProgress purchase, CancellationToken ct)
    {
        // A retried write prepares again: nothing of the attempt that was rolled back may survive.
        _used.Clear();
        if (purchase.Order.Vouchers is not { Count: > 0 } codes)
        {
            return null;
        }

        var order = purchase.Order;
        var total = purchase.Lines.Sum(l => l.NetAmount);
        var language = purchase.Member?.Language ?? "de";
        var campaigns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < codes.Count; i++)
        {
            var field = $"vouchers[{i}]";
            var found = await check.FindAsync(order.Caller, codes[i], forUpdate: !purchase.DryRun, ct);
            if (found.Failure is { } unknown)
            {
                return unknown with { Field = field };
            }

            if (found.Value.Campaign is { } campaign && !campaigns.Add(campaign.Id))
            {
                return CommonErrors.InvalidField(field, "is a second code of the same coupon campaign: one per basket");
            }

            var use = new CodeUse(order.Channel, order.StoreId, purchase.Member, VoucherCheck.Holder(order.Channel, order.StoreId, order.ExternalId), purchase.Lines, total);
            var onBasket = await check.CheckAsync(found.Value, use, order.Program, ct);
            if (onBasket.Failure is { } refused)
            {
                return refused with { Field = field };
            }

            var discounted = Benefit.Discounted(purchase.Lines, onBasket.Value.Shares);
            purchase.Lines.Clear();
            purchase.Lines.AddRange(discounted);
            purchase.Vouchers.Add(VoucherViews.Applied(onBasket.Value, language));
            _used.Add(onBasket.Value);
        }

        return null;
    }

    public ValueTask CompleteAsync(PurchaseInProgress purchase, CancellationToken ct)
    {
        if (_used.Count == 0 || purchase.Purchase is not { } recorded)
        {
            return ValueTask.CompletedTask;
        }

        foreach (var use in _used)
        {
            var discount = use.Discount ?? 0;
            use.Found.Voucher?.Redeem(purchase.Now, recorded.Id, recorded.ExternalId, discount);
            if (use.Found.Campaign is { } campaign)
            {
                campaign.Record(discount);
                ledger.Insert(new CouponRedemption
                {
                    Id = Ids.New("cpr"),
                    ProgramId = recorded.ProgramId,
                    CampaignId = campaign.Id,
                    MemberId = recorded.MemberId,
                    Code = use.Found.Code,
                    PurchaseId = recorded.Id,
                    ExternalId = recorded.ExternalId,
                    Discount = discount,
                    RedeemedAt = Clock.ToStoredPrecision(purchase.Now),
                });
            }
        }

        recorded.Vouchers = JsonSerializer.Serialize(purchase.Vouchers, Json.StoredData);
        return ValueTask.CompletedTask;
    }

    /// <summary>A purchase that came back whole gives its vouchers back (usable again until their end date) and its coupon uses.</summary>
    public async ValueTask CompleteAsync(ReturnInProgress ret, CancellationToken ct)
    {
        if (ret.Purchase.Vouchers is null || !ret.WholePurchaseReturned)
        {
            return;
        }

        var purchase = ret.Purchase;
        foreach (var applied in PurchaseView.VouchersOf(purchase))
        {
            var (shape, code) = VoucherCode.Read(applied.Code);
            if (shape == VoucherCode.Shape.Valid && await db.Dialect.LockVoucherAsync(db, purchase.ProgramId, code!, ct) is { } voucher
                && voucher.RedeemedPurchaseId == purchase.Id)
            {
                voucher.Restore();
            }
        }

        var uses = await db.CouponRedemptions.Where(r => r.PurchaseId == purchase.Id && r.ReturnedAt == null).OrderBy(r => r.CampaignId).ToListAsync(ct);
        foreach (var use in uses)
        {
            use.ReturnedAt = Clock.ToStoredPrecision(ret.Now);
            if (await db.Dialect.LockCouponCampaignAsync(db, purchase.ProgramId, use.CampaignId, ct) is { } campaign)
            {
                campaign.GiveBack(use.Discount);
            }
        }
    }
}
