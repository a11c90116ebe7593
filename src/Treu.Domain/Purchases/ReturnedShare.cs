namespace Treu.Domain.Purchases;

/// <summary>What one return takes back of one purchase line.</summary>
public sealed record ReturnedShare(PurchaseLine Line, decimal Quantity, long PointsReversed, long PointsRefunded);
