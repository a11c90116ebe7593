namespace Treu.Server.Hosting;

/// <summary>
/// Who a use case acts for: the API key a request came with (which program, which scope, bound to which store), a
/// person signed in to a web face, whose role gives the scope the use cases check (<see cref="Staff.StaffRoles.ScopeOf"/>),
/// or a member signed in to a client of their own (scope <c>member</c>), who may reach their own data only.
/// </summary>
public sealed record Caller(string ApiKeyId, string ProgramId, string Scope, string? StoreId)
{
    /// <summary>The person, when a member of staff acts through the console rather than a key through the API.</summary>
    public StaffPerson? Person { get; init; }

    /// <summary>The member, when a member session rather than a key makes the call: every member but this one is out of reach.</summary>
    public string? MemberId { get; init; }

    /// <summary>The operator at the machine, when a <c>treu</c> command rather than a key or a person makes the change: their login.</summary>
    public string? Operator { get; init; }

    public bool IsAdmin => Scope == Scopes.Admin;
    public string Channel => Scopes.ChannelOf(Scope);

    /// <summary>Who the ledger and the audit trail name: <c>api_key:key_…</c>, <c>staff:stf_…</c>, <c>member:mem_…</c> or <c>cli:login</c>.</summary>
    public string Actor => Person is { } person ? $"staff:{person.Id}" : MemberId is { } member ? $"member:{member}"
        : Operator is { } login ? $"cli:{login}" : $"api_key:{ApiKeyId}";

    /// <summary>Whether this caller may reach the member: any member of the program for a key, only themselves for a member.</summary>
    public bool MayReach(string memberId) => MemberId is null || MemberId == memberId;

    /// <summary>The person's name (or the operator's login) for the audit trail; null for an API key.</summary>
    public string? ActorName => Person?.Name ?? (Operator is { } login ? $"{login} (command line)" : null);

    public static Caller ForMember(string sessionId, string programId, string memberId) =>
        new(sessionId, programId, Scopes.Member, null) { MemberId = memberId };

    public static Caller ForStaff(StaffPerson person, string programId) =>
        new($"staff:{person.Id}", programId, Staff.StaffRoles.ScopeOf(person.Role), person.StoreId) { Person = person };
}
