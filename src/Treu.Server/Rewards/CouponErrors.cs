using Treu.Domain.Common;

namespace Treu.Server.Rewards;

public static class CouponErrors
{
    public static readonly ErrorCode NotFound = new("coupon_campaign_not_found", FailureKind.NotFound);
    public static readonly ErrorCode Exists = new("coupon_campaign_exists", FailureKind.Conflict);
    public static readonly ErrorCode CodeTaken = new("coupon_code_taken", FailureKind.Conflict);
    /// <summary>A campaign has one public code or unique codes, not both.</summary>
    public static readonly ErrorCode HasPublicCode = new("coupon_has_public_code", FailureKind.Refused);
    public static readonly ErrorCode HasUniqueCodes = new("coupon_has_unique_codes", FailureKind.Refused);
    public static readonly ErrorCode TooManyCodes = new("coupon_too_many_codes", FailureKind.Refused);
}
