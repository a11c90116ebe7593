namespace Treu.Domain.Rewards;

/// <summary>One use of a coupon campaign's code (public or unique): counted for "once per member", taken back when its purchase comes back whole.</summary>
public sealed class CouponRedemption
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string CampaignId { get; set; }

    /// <summary>The member who used it; null for a guest basket of an "anyone" coupon.</summary>
    public string? MemberId { get; set; }
    public required string Code { get; set; }
    public string? PurchaseId { get; set; }
    public required string ExternalId { get; set; }
    public decimal Discount { get; set; }
    public DateTime RedeemedAt { get; set; }
    public DateTime? ReturnedAt { get; set; }
}
