namespace Treu.Domain.Rules;

/// <summary>
/// An earlier start for members of named tiers: from <paramref name="From"/> the rule already applies to them, to
/// everyone else from its own start (a campaign that opens a day early for Gold and Platinum).
/// </summary>
public sealed record EarlyAccess(DateTime From, IReadOnlyList<string> Tiers);
