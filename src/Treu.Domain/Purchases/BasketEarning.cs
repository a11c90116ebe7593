namespace Treu.Domain.Purchases;

public sealed record BasketEarning(decimal Total, decimal RedeemedValue, decimal EligibleAmount, long Points, IReadOnlyList<LineEarning> Lines, IReadOnlyList<EarnStep> Breakdown);
