using Treu.Server.Hosting;

namespace Treu.Server.Staff;

/// <summary>The checks a staff account's fields share between adding and changing one.</summary>
public static class StaffChecks
{
    public static string? Store(Validation check, string? role, string? storeId)
    {
        if (role is not null && !StaffRoles.All.Contains(role))
        {
            check.Add("role", $"must be one of {string.Join(", ", StaffRoles.All)}");
            return null;
        }

        var store = string.IsNullOrWhiteSpace(storeId) ? null : storeId.Trim();
        check.MaxLength("storeId", store, 64);
        if (role == StaffRoles.Cashier && store is null)
        {
            check.Add("storeId", "is required for a cashier: the store they work in");
        }
        else if (role is not null && role != StaffRoles.Cashier && store is not null)
        {
            check.Add("storeId", "is only for a cashier");
        }

        return store;
    }
}
