namespace Treu.Domain.Programs;

/// <summary>One loyalty program and its settings. Every table carries the program id.</summary>
public sealed class LoyaltyProgram
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string Currency { get; set; } = "EUR";
    public string PointsName { get; set; } = "points";

    /// <summary>Points per unit of currency on the eligible amount.</summary>
    public decimal EarnRate { get; set; } = 1m;
    public PointsRounding EarnRounding { get; set; } = PointsRounding.Floor;

    /// <summary>Line categories that never earn (tax, shipping, gift cards …).</summary>
    public List<string> ExcludedCategories { get; set; } = ["tax", "shipping", "gift_card"];

    /// <summary>Days earned points stay pending: the legal return window.</summary>
    public int PendingDays { get; set; } = 14;

    /// <summary>Months after earning when a lot expires; null: points never expire.</summary>
    public int? ExpiryMonths { get; set; } = 24;

    /// <summary>Money value of one point when redeemed at the checkout.</summary>
    public decimal PointValue { get; set; } = 0.01m;
    public long MinRedemptionPoints { get; set; } = 100;
    public long? MaxRedemptionPoints { get; set; }

    /// <summary>Largest share of a basket's total that points may pay, 0 to 1.</summary>
    public decimal MaxRedemptionShare { get; set; } = 0.5m;
    public SpentPointsReturnPolicy ReturnPolicy { get; set; } = SpentPointsReturnPolicy.ClampToZero;

    /// <summary>Whether a reward voucher that expires or is cancelled unused gives its points back (with their expiry dates).</summary>
    public bool RefundUnusedVouchers { get; set; } = true;

    /// <summary>IANA time zone of the program's stores: rules on weekdays and hours read the local time.</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary>The program's colour in its web faces (#rrggbb); text on it is white or black, whichever reads better.</summary>
    public string BrandColour { get; set; } = "#0b5cad";

    /// <summary>The program's logo as a data: URI (PNG, JPEG, WebP or SVG), shown in the web faces' header; null for none.</summary>
    public string? Logo { get; set; }

    /// <summary>The most points a member of staff with the support role may credit or debit in one adjustment.</summary>
    public long SupportAdjustmentLimit { get; set; } = 500;

    /// <summary>Key for the rotating QR tokens; never leaves the server.</summary>
    public required string QrSecret { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public DateTime? ExpiryFor(DateTime earnedAt) => ExpiryMonths is { } months ? earnedAt.AddMonths(months) : null;
}
