using Treu.Domain.Rewards;
using Treu.Server.Rewards;

namespace Treu.Server.Web.Admin;

/// <summary>
/// The rewards screen's form: the fields a catalogue is mostly kept with. A change is sent as the whole reward the API's
/// PUT takes, what the form does not show (validity, limits, tiers, segments, terms, order) taken over unchanged.
/// </summary>
public sealed class RewardForm
{
    public string? Id { get; set; }
    public RewardType? Type { get; set; } = RewardType.FixedDiscount;
    public string? NameDe { get; set; }
    public string? NameEn { get; set; }
    public long? PointsCost { get; set; }
    public decimal? Amount { get; set; }
    public decimal? Percent { get; set; }
    public string? Sku { get; set; }
    public long? Stock { get; set; }

    public static RewardForm From(RewardView r) => new()
    {
        Id = r.Id,
        Type = r.Type,
        NameDe = r.Name.GetValueOrDefault("de"),
        NameEn = r.Name.GetValueOrDefault("en"),
        PointsCost = r.PointsCost,
        Amount = r.Amount,
        Percent = r.Percent,
        Sku = r.Sku,
        Stock = r.Stock,
    };

    public RewardRequest ToRequest(RewardView? current)
    {
        var name = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(NameDe))
        {
            name["de"] = NameDe;
        }

        if (!string.IsNullOrWhiteSpace(NameEn))
        {
            name["en"] = NameEn;
        }

        var sku = string.IsNullOrWhiteSpace(Sku) ? null : Sku;
        return new RewardRequest(
            Id: current is null && !string.IsNullOrWhiteSpace(Id) ? Id.Trim() : null,
            Type: Type,
            PointsCost: PointsCost,
            Amount: Amount,
            Percent: Percent,
            MaxDiscount: current?.MaxDiscount,
            Sku: sku,
            Category: sku is null ? current?.Category : null,
            MinBasket: current?.MinBasket,
            DonationRecipient: current?.DonationRecipient,
            ValidFrom: current?.ValidFrom,
            ValidTo: current?.ValidTo,
            VoucherValidDays: current?.VoucherValidDays,
            VoucherValidUntil: current?.VoucherValidUntil,
            Stock: Stock,
            LimitPerMember: current?.LimitPerMember,
            LimitPeriod: current?.LimitPeriod,
            Tiers: current?.Tiers.ToArray(),
            Segments: current?.Segments.ToArray(),
            MinMemberDays: current?.MinMemberDays,
            Name: name,
            Description: current?.Description.ToDictionary(),
            Terms: current?.Terms.ToDictionary(),
            SortOrder: current?.SortOrder);
    }
}
