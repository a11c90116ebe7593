namespace Treu.Domain.Purchases;

public sealed record LineEarning(int LineNo, decimal NetAmount, decimal RedeemedShare, decimal EligibleAmount, long Points, long PointsRedeemed, string? ExcludedBecause);
