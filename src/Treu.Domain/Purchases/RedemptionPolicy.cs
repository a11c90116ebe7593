using Treu.Domain.Common;
using Treu.Domain.Programs;

namespace Treu.Domain.Purchases;

/// <summary>How many points a basket may take: the program's minimum, maximum and share of the basket, and the balance.</summary>
public static class RedemptionPolicy
{
    public static long MaxRedeemable(LoyaltyProgram program, decimal basketTotal, long available)
    {
        if (program.PointValue <= 0 || basketTotal <= 0)
        {
            return 0;
        }

        var byShare = (long)Math.Floor(basketTotal * program.MaxRedemptionShare / program.PointValue);
        var max = Math.Min(byShare, Math.Max(available, 0));
        if (program.MaxRedemptionPoints is { } cap)
        {
            max = Math.Min(max, cap);
        }

        return max < program.MinRedemptionPoints ? 0 : max;
    }

    public static Failure? Check(LoyaltyProgram program, decimal basketTotal, long available, long points)
    {
        if (points < program.MinRedemptionPoints)
        {
            return PurchaseErrors.RedemptionBelowMinimum.With($"At least {program.MinRedemptionPoints} {program.PointsName} must be redeemed at once.", "redeemPoints");
        }

        if (program.MaxRedemptionPoints is { } cap && points > cap)
        {
            return PurchaseErrors.RedemptionAboveMaximum.With($"At most {cap} {program.PointsName} can be redeemed on one basket.", "redeemPoints");
        }

        var byShare = (long)Math.Floor(basketTotal * program.MaxRedemptionShare / program.PointValue);
        if (points > byShare)
        {
            return PurchaseErrors.RedemptionAboveBasketShare.With(
                $"Points may pay at most {program.MaxRedemptionShare:P0} of this basket: {byShare} {program.PointsName}.", "redeemPoints");
        }

        return points > available
            ? Ledger.LedgerErrors.InsufficientPoints.With($"The member has {available} {program.PointsName} available; {points} were asked for.", "redeemPoints")
            : null;
    }
}
