using System.Globalization;
using Treu.Domain.Members;

namespace Treu.Domain.Rewards;

/// <summary>
/// One item of the rewards catalogue: what it costs in points, what the member gets (<see cref="Type"/>), when and how
/// often it can be had, and by whom. Redeeming it spends the points and issues a <see cref="Voucher"/> (or, for a
/// donation, a <see cref="Donation"/>); its stock is counted on its <see cref="RewardStock"/> row.
/// </summary>
public sealed class Reward
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }

    /// <summary>draft, active or inactive: members see and redeem only active rewards.</summary>
    public required string Status { get; set; }
    public RewardType Type { get; set; }
    public long PointsCost { get; set; }

    /// <summary>Money off, a gift card's value, or a donation's amount.</summary>
    public decimal? Amount { get; set; }
    public decimal? Percent { get; set; }
    public decimal? MaxDiscount { get; set; }
    public string? Sku { get; set; }
    public string? Category { get; set; }

    /// <summary>The smallest basket a discount voucher can be used on.</summary>
    public decimal? MinBasket { get; set; }

    /// <summary>Who receives a donation (the tree-planting project).</summary>
    public string? DonationRecipient { get; set; }

    /// <summary>When the reward can be redeemed (UTC); open-ended when null.</summary>
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }

    /// <summary>How long a voucher of this reward can be used after it is issued (never beyond <see cref="VoucherValidUntil"/>).</summary>
    public int VoucherValidDays { get; set; } = 30;

    /// <summary>A last day for every voucher of the reward (an event's date), when it has one.</summary>
    public DateTime? VoucherValidUntil { get; set; }

    /// <summary>How many can be redeemed in all; unlimited when null.</summary>
    public long? StockTotal { get; set; }

    /// <summary>How many times one member may redeem it per <see cref="LimitPeriod"/>; unlimited when null.</summary>
    public int? LimitPerMember { get; set; }
    public LimitPeriod LimitPeriod { get; set; } = LimitPeriod.Ever;

    /// <summary>The tier ids that may redeem it (matched against <see cref="Member.Tier"/>); anyone when empty.</summary>
    public List<string> Tiers { get; set; } = [];

    /// <summary>The segments (member tags) that may redeem it, any one of them; anyone when empty.</summary>
    public List<string> Segments { get; set; } = [];

    /// <summary>How many days a member must have been enrolled.</summary>
    public int? MinMemberDays { get; set; }

    /// <summary>Texts by language (de, en).</summary>
    public Dictionary<string, string> Name { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Description { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Terms { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The stored image's entity tag, when the reward has an image.</summary>
    public string? ImageTag { get; set; }
    public int SortOrder { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }

    public bool IssuesVoucher => Type != RewardType.Donation;

    /// <summary>What a voucher of this reward gives.</summary>
    public Benefit Benefit => Type switch
    {
        RewardType.FixedDiscount => new Benefit(BenefitKind.AmountOff, Amount),
        RewardType.PercentDiscount => new Benefit(BenefitKind.PercentOff, Percent: Percent, MaxDiscount: MaxDiscount),
        RewardType.FreeProduct => new Benefit(BenefitKind.FreeItem, Sku: Sku, Category: Category),
        RewardType.GiftCard => new Benefit(BenefitKind.StoreCredit, Amount),
        _ => new Benefit(BenefitKind.Entitlement),
    };

    public bool OnOffer(DateTime now) => Status == RewardStatus.Active && (ValidFrom is null || ValidFrom <= now) && (ValidTo is null || now < ValidTo);

    /// <summary>When a voucher issued now ends.</summary>
    public DateTime VoucherEnds(DateTime issuedAt)
    {
        var ends = issuedAt.AddDays(VoucherValidDays);
        return VoucherValidUntil is { } until && until < ends ? until : ends;
    }

    /// <summary>
    /// Why <paramref name="member"/> cannot redeem this reward now, or null. The reasons are weighed in the order a member
    /// can do least about: on offer, blocked, tier, segment, membership age, stock, limit, and last the points.
    /// </summary>
    /// <param name="stockLeft">What is left of a limited stock; null when unlimited.</param>
    /// <param name="redeemedInPeriod">How often the member redeemed it in the current limit period.</param>
    public RewardRefusal? WhyNot(Member member, DateTime now, long? stockLeft, int redeemedInPeriod, string pointsName = "points")
    {
        if (!OnOffer(now))
        {
            return new("not_available", "Derzeit nicht erhältlich", "Not available now");
        }

        if (member.Status == MemberStatus.Blocked)
        {
            return new("member_blocked", "Konto gesperrt", "Account blocked");
        }

        if (Tiers.Count > 0 && (member.Tier is null || !Tiers.Contains(member.Tier, StringComparer.OrdinalIgnoreCase)))
        {
            var tiers = string.Join(" / ", Tiers.Select(Title));
            return new("tier_required", $"Nur für {tiers}", $"{tiers} only");
        }

        if (Segments.Count > 0 && !Segments.Any(s => member.Tags.Contains(s, StringComparer.OrdinalIgnoreCase)))
        {
            var segments = string.Join(" / ", Segments);
            return new("segment_required", $"Nur für {segments}", $"For {segments} only");
        }

        if (MinMemberDays is { } days && member.CreatedAt.AddDays(days) > now)
        {
            var left = (int)Math.Ceiling((member.CreatedAt.AddDays(days) - now).TotalDays);
            return new("membership_too_short", $"Ab {days} Tagen Mitgliedschaft, noch {left} Tage", $"For members of {days} days or more: {left} days to go");
        }

        if (stockLeft is <= 0)
        {
            return new("sold_out", "Ausverkauft", "Sold out");
        }

        if (LimitPerMember is { } limit && redeemedInPeriod >= limit)
        {
            var (de, en) = LimitPeriod switch
            {
                LimitPeriod.Day => ("heute", "today"),
                LimitPeriod.Week => ("diese Woche", "this week"),
                LimitPeriod.Month => ("diesen Monat", "this month"),
                LimitPeriod.Year => ("dieses Jahr", "this year"),
                _ => ("", ""),
            };
            return new("limit_reached", $"{redeemedInPeriod} von {limit} eingelöst {de}".TrimEnd(), $"Redeemed {redeemedInPeriod} of {limit} {en}".TrimEnd());
        }

        if (member.Available < PointsCost)
        {
            var missing = (PointsCost - member.Available).ToString("N0", CultureInfo.InvariantCulture);
            return new("not_enough_points", $"Noch {missing.Replace(',', '.')} Punkte", $"{missing} {pointsName} missing");
        }

        return null;
    }

    private static string Title(string id) => id.Length == 0 ? id : char.ToUpperInvariant(id[0]) + id[1..].Replace('_', ' ');

    /// <summary>The text in <paramref name="language"/>, else in the other language, else empty.</summary>
    public static string Text(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "de", out var text) ? text : texts.Values.FirstOrDefault() ?? "";
}
