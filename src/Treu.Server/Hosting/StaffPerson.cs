namespace Treu.Server.Hosting;

/// <summary>A member of staff signed in to a web face: what the console and the audit trail need to know of them.</summary>
public sealed record StaffPerson(string Id, string Name, string Role, string? StoreId);
