namespace Treu.Server.Hosting;

/// <summary>
/// Who a use case acts for: the API key a request came with (which program, which scope, bound to which store), or a
/// person signed in to a web face, whose role gives the scope the use cases check (<see cref="Staff.StaffRoles.ScopeOf"/>).
/// </summary>
public sealed record Caller(string ApiKeyId, string ProgramId, string Scope, string? StoreId)
{
    /// <summary>The person, when a member of staff acts through the console rather than a key through the API.</summary>
    public StaffPerson? Person { get; init; }

    public bool IsAdmin => Scope == Scopes.Admin;
    public string Channel => Scopes.ChannelOf(Scope);

    /// <summary>Who the ledger and the audit trail name: <c>api_key:key_…</c> or <c>staff:stf_…</c>.</summary>
    public string Actor => Person is { } person ? $"staff:{person.Id}" : $"api_key:{ApiKeyId}";

    /// <summary>The person's name for the audit trail; null for an API key.</summary>
    public string? ActorName => Person?.Name;

    public static Caller ForStaff(StaffPerson person, string programId) =>
        new($"staff:{person.Id}", programId, Staff.StaffRoles.ScopeOf(person.Role), person.StoreId) { Person = person };
}
