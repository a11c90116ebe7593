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
