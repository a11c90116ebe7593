using Treu.Domain.Programs;

namespace Treu.Domain.Purchases;

/// <summary>
/// Points for a basket at the program's base rate, on the amount actually paid: net of line discounts and of
/// the share paid with points, without excluded categories. The total is rounded once per basket (ten items at
/// 0.99 earn 9 points, not 0); per-line shares are kept so a return reverses exactly its lines' points.
/// </summary>
public static class EarnCalculator
{
    public static BasketEarning Compute(LoyaltyProgram program, IReadOnlyList<BasketLine> lines, long pointsRedeemed)
    {
        var net = lines.Select(l => l.NetAmount).ToArray();
        var total = net.Sum();
        var redeemedValue = Math.Min(pointsRedeemed * program.PointValue, total);
        var redeemedShares = Allocation.Money(redeemedValue, net);
        var redeemedPoints = Allocation.Points(pointsRedeemed, net);

        var excluded = lines.Select(l => l.Category is { } c && program.ExcludedCategories.Contains(c, StringComparer.OrdinalIgnoreCase)
            ? $"category '{c}' does not earn points" : null).ToArray();
        var eligible = net.Select((n, i) => excluded[i] is null ? n - redeemedShares[i] : 0m).ToArray();
        var eligibleTotal = eligible.Sum();
        var points = Round(eligibleTotal * program.EarnRate, program.EarnRounding);
        var linePoints = Allocation.Points(points, eligible);

        var lineEarnings = lines.Select((_, i) => new LineEarning(i + 1, net[i], redeemedShares[i], eligible[i], linePoints[i], redeemedPoints[i], excluded[i])).ToList();
        var breakdown = new List<EarnStep>
        {
            new("base_rate",
                $"{program.EarnRate:0.####} {program.PointsName} per {program.Currency} on the eligible amount, rounded {program.EarnRounding.ToString().ToLowerInvariant()}",
                eligibleTotal, points),
        };
        return new BasketEarning(total, redeemedValue, eligibleTotal, points, lineEarnings, breakdown);
    }

    public static long Round(decimal points, PointsRounding rounding) => rounding switch
    {
        PointsRounding.Floor => (long)Math.Floor(points),
        PointsRounding.Ceiling => (long)Math.Ceiling(points),
        _ => (long)Math.Round(points, MidpointRounding.AwayFromZero),
    };
}
