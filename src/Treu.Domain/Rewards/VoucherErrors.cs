using Treu.Domain.Common;

namespace Treu.Domain.Rewards;

/// <summary>Why a code cannot be used. Unknown codes and codes of another program get the same answer.</summary>
public static class VoucherErrors
{
    public static readonly ErrorCode Malformed = new("voucher_code_malformed", FailureKind.Invalid);
    public static readonly ErrorCode NotFound = new("voucher_not_found", FailureKind.NotFound);
    public static readonly ErrorCode Expired = new("voucher_expired", FailureKind.Refused);
    public static readonly ErrorCode NotYetValid = new("voucher_not_yet_valid", FailureKind.Refused);
    public static readonly ErrorCode AlreadyRedeemed = new("voucher_already_redeemed", FailureKind.Refused);
    public static readonly ErrorCode Cancelled = new("voucher_cancelled", FailureKind.Refused);
    public static readonly ErrorCode Reserved = new("voucher_reserved", FailureKind.Conflict);
    public static readonly ErrorCode NotReservable = new("voucher_not_reservable", FailureKind.Refused);
    public static readonly ErrorCode NotYours = new("voucher_not_yours", FailureKind.Refused);
    public static readonly ErrorCode MemberRequired = new("voucher_member_required", FailureKind.Refused);
    public static readonly ErrorCode NotForBasket = new("voucher_not_for_basket", FailureKind.Refused);
    public static readonly ErrorCode NoMatchingItems = new("voucher_no_matching_items", FailureKind.Refused);
    public static readonly ErrorCode WrongStore = new("voucher_wrong_store", FailureKind.Refused);
    public static readonly ErrorCode WrongChannel = new("voucher_wrong_channel", FailureKind.Refused);
    public static readonly ErrorCode BasketBelowMinimum = new("basket_below_minimum", FailureKind.Refused);
    public static readonly ErrorCode CouponInactive = new("coupon_inactive", FailureKind.Refused);
    public static readonly ErrorCode CouponExhausted = new("coupon_exhausted", FailureKind.Refused);
    public static readonly ErrorCode CouponOncePerMember = new("coupon_once_per_member", FailureKind.Refused);
    public static readonly ErrorCode CouponFirstPurchaseOnly = new("coupon_first_purchase_only", FailureKind.Refused);

    /// <summary>The one answer for a code this program does not have, whether or not another program has it.</summary>
    public static Failure Unknown() => NotFound.With("No voucher or coupon with this code. Check the code, or ask the member to show it again.", "code");
}
