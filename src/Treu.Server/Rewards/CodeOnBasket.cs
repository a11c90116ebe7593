namespace Treu.Server.Rewards;

/// <summary>A code checked for one use: what it gives (null without a basket) and each line's share of it.</summary>
public sealed record CodeOnBasket(FoundCode Found, decimal? Discount, IReadOnlyList<decimal> Shares);
