namespace Treu.Server.Events;

/// <summary>One kind of domain event: its name, its payload record, what it means and an example payload.</summary>
public sealed record EventType(string Name, Type Payload, string Summary, string Example);
