namespace Treu.Domain.Tiers;

/// <summary>One tier of a ladder: reached when the member's qualifying metric reaches its threshold.</summary>
public sealed record TierDefinition
{
    /// <summary>1 to 32 of a-z, 0-9, '_' and '-'; what rules, rewards and campaigns name it by.</summary>
    public string Id { get; init; } = "";

    public LocalizedText? Name { get; init; }

    /// <summary>In the program's metric: points, money, or purchases. The base tier's is 0.</summary>
    public decimal Threshold { get; init; }

    public TierBenefits Benefits { get; init; } = new();
}
