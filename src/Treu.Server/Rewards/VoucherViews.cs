using System.Globalization;
using Treu.Domain.Rewards;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>Vouchers, coupons and their benefits as the API shows them.</summary>
public static class VoucherViews
{
    public static VoucherView Of(FoundCode found, DateTime now, string currency)
    {
        var voucher = found.Voucher;
        var status = voucher?.StatusAt(now, found.ValidTo)
            ?? (found.ValidTo is { } to && to <= now ? VoucherStatus.Expired : VoucherStatus.Issued);
        var name = voucher is { RewardId: not null } ? voucher.Name : found.Campaign is { } c ? Texts(c.Name) : Texts(found.Code);
        var terms = voucher is { RewardId: not null } ? voucher.Terms : found.Campaign?.Terms is { } t ? Texts(t) : Texts("");
        return new VoucherView(found.Code, found.Source, status, voucher?.MemberId, voucher?.RewardId, voucher?.CampaignId ?? found.Campaign?.Id, name, terms,
            Of(found.Benefit, found.MinBasket, currency), found.ValidFrom, found.ValidTo, voucher?.IssuedAt, voucher?.PointsSpent ?? 0,
            status == VoucherStatus.Reserved ? voucher?.ReservedUntil : null, voucher?.RedeemedAt, voucher?.RedeemedPurchaseId,
            voucher?.Status == VoucherStatus.Redeemed ? voucher.RedeemedDiscount : null, voucher?.PointsRefunded ?? 0,
            $"/v1/vouchers/{Uri.EscapeDataString(found.Code)}/qr.png");
    }

    public static BenefitView Of(Benefit benefit, decimal? minBasket, string currency) =>
        new(benefit.Kind, benefit.Amount, benefit.Percent, benefit.MaxDiscount, benefit.Sku, benefit.Category, minBasket, Describe(benefit, currency));

    /// <summary>The benefit in words, for a till's screen and a print-out.</summary>
    public static string Describe(Benefit b, string currency) => b.Kind switch
    {
        BenefitKind.AmountOff => $"{Money(b.Amount)} {currency} off",
        BenefitKind.PercentOff => b.MaxDiscount is { } cap ? $"{b.Percent:0.##} % off, at most {Money(cap)} {currency}" : $"{b.Percent:0.##} % off",
        BenefitKind.FreeItem => b.Sku is not null ? $"1 free item: sku {b.Sku}" : $"1 free item of {b.Category}",
        BenefitKind.StoreCredit => $"{Money(b.Amount)} {currency} store credit",
        _ => "A ticket or experience, redeemed where it is used",
    };

    public static AppliedVoucherView Applied(CodeOnBasket use, string language) => new(use.Found.Code, use.Found.Source, use.Found.NameIn(language), use.Found.Benefit.Kind,
        use.Discount ?? 0, use.Shares.Select((d, i) => new AppliedVoucherLine(i + 1, d)).Where(l => l.Discount != 0).ToList());

    public static IReadOnlyList<LineDiscountView> Lines(CodeOnBasket use) =>
        use.Shares.Select((d, i) => new LineDiscountView(i + 1, d)).Where(l => l.Discount != 0).ToList();

    private static string Money(decimal? value) => (value ?? 0).ToString("0.00", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Texts(string text) => new(StringComparer.Ordinal) { ["de"] = text, ["en"] = text };
}
