namespace Treu.Domain.Rules;

/// <summary>A basket line as the rules see it: what it is and how much of it is eligible (after discounts, redemption and exclusions).</summary>
public sealed record EarnLine(int LineNo, string Sku, string? Category, string? Brand, decimal Quantity, decimal EligibleAmount);
