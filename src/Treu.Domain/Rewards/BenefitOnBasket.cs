namespace Treu.Domain.Rewards;

/// <summary>What a benefit gives on one basket: the whole discount and each line's share of it.</summary>
public sealed record BenefitOnBasket(decimal Discount, IReadOnlyList<decimal> LineShares);
