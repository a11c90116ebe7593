using Treu.Domain.Common;

namespace Treu.Domain.Purchases;

public static class PurchaseErrors
{
    public static readonly ErrorCode RedemptionBelowMinimum = new("redemption_below_minimum", FailureKind.Refused);
    public static readonly ErrorCode RedemptionAboveMaximum = new("redemption_above_maximum", FailureKind.Refused);
    public static readonly ErrorCode RedemptionAboveBasketShare = new("redemption_above_basket_share", FailureKind.Refused);
    public static readonly ErrorCode LineAlreadyReturned = new("line_already_returned", FailureKind.Refused);
    public static readonly ErrorCode LineNotInPurchase = new("line_not_in_purchase", FailureKind.Refused);
}
