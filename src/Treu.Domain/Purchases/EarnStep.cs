namespace Treu.Domain.Purchases;

/// <summary>One step of how the points were computed, returned with every earn and preview.</summary>
public sealed record EarnStep(string Rule, string Description, decimal EligibleAmount, long Points);
