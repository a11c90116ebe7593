namespace Treu.Server.Events;

/// <summary>A tier as an event names it: its id and its names, for a message to the member.</summary>
public sealed record TierRef(string Id, TierNames Name);
