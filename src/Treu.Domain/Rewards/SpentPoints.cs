namespace Treu.Domain.Rewards;

/// <summary>Points a voucher cost, taken from one lot, with that lot's expiry date: a refund gives them back with it, so that no refund makes old points young again.</summary>
public sealed record SpentPoints(long Points, DateTime? ExpiresAt);
