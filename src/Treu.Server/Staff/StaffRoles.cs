using Treu.Server.Hosting;

namespace Treu.Server.Staff;

/// <summary>
/// The roles of staff and what each may do. The use cases check the scope a role gives (<see cref="ScopeOf"/>) as they
/// check an API key's; the console's pages and buttons check the permissions below on top.
/// </summary>
public static class StaffRoles
{
    /// <summary>Everything, including staff accounts, API keys and the program's settings.</summary>
    public const string Owner = "owner";

    /// <summary>The loyalty manager: members, rules and campaigns, the dashboard, the audit trail.</summary>
    public const string Manager = "manager";

    /// <summary>Reads aggregates only: the dashboard and the rules, never a member's personal data.</summary>
    public const string Analyst = "analyst";

    /// <summary>Members: search, the 360° view, block and unblock, adjustments up to the program's limit.</summary>
    public const string Support = "support";

    /// <summary>The cashier screen of one store; not the console.</summary>
    public const string Cashier = "cashier";

    public static readonly string[] All = [Owner, Manager, Analyst, Support, Cashier];

    /// <summary>The API scope whose checks a role's actions go through: a cashier acts as a till of its store, the others as an administrator.</summary>
    public static string ScopeOf(string role) => role == Cashier ? Scopes.Pos : Scopes.Admin;
}

/// <summary>What a person may do in the console, by role; each is an authorisation policy of the same name.</summary>
public static class StaffPermissions
{
    public const string Console = "console";
    public const string Dashboard = "console.dashboard";
    public const string Members = "console.members";
    public const string Rules = "console.rules";
    public const string EditRules = "console.rules.edit";
    public const string Settings = "console.settings";
    public const string ApiKeys = "console.api_keys";
    public const string Staff = "console.staff";
    public const string Audit = "console.audit";
    public const string Till = "till";

    public static readonly IReadOnlyDictionary<string, string[]> Roles = new Dictionary<string, string[]>
    {
        [Console] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst, StaffRoles.Support],
        [Dashboard] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst],
        // Members' personal data: never the analyst's.
        [Members] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Support],
        [Rules] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst],
        [EditRules] = [StaffRoles.Owner, StaffRoles.Manager],
        [Settings] = [StaffRoles.Owner],
        [ApiKeys] = [StaffRoles.Owner],
        [Staff] = [StaffRoles.Owner],
        [Audit] = [StaffRoles.Owner, StaffRoles.Manager],
        [Till] = [StaffRoles.Cashier, StaffRoles.Owner, StaffRoles.Manager],
    };

    public static bool Allows(string role, string permission) => Roles.TryGetValue(permission, out var roles) && roles.Contains(role);
}
