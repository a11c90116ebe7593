namespace Treu.Domain.Ledger;

/// <summary>Points taken from one lot when spending, so a transfer can carry their expiry dates along.</summary>
public sealed record LotTake(PointsLot Lot, long Points);
