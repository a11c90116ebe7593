namespace Treu.Server.Events;

/// <summary>A name in each language Treu speaks to members in.</summary>
public sealed record TierNames(string De, string En);
