using Treu.Server.Staff;

namespace Treu.Server.Web.Shared;

/// <summary>Where each role lands after signing in. The cashier screen, when it lands, is the cashier's home.</summary>
public static class StaffHome
{
    public static string Of(string role) => role switch
    {
        StaffRoles.Support => "/admin/members",
        StaffRoles.Cashier => "/account",
        _ => "/admin",
    };
}
