namespace Treu.Server.Staff;

/// <summary>What a person may do in the console, by role; each is an authorisation policy of the same name.</summary>
public static class StaffPermissions
{
    public const string Console = "console";
    public const string Dashboard = "console.dashboard";
    public const string Members = "console.members";
    public const string Rules = "console.rules";
    public const string EditRules = "console.rules.edit";
    public const string Tiers = "console.tiers";
    public const string EditTiers = "console.tiers.edit";
    public const string Rewards = "console.rewards";
    public const string EditRewards = "console.rewards.edit";
    public const string Coupons = "console.coupons";
    public const string EditCoupons = "console.coupons.edit";
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
        // The ladder and how many members each tier holds: aggregates, the analyst's too.
        [Tiers] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst],
        [EditTiers] = [StaffRoles.Owner, StaffRoles.Manager],
        // The catalogue and its figures (vouchers issued, redeemed, stock left): aggregates too.
        [Rewards] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst],
        [EditRewards] = [StaffRoles.Owner, StaffRoles.Manager],
        // Coupon campaigns and their figures (codes issued, uses, discount given) are aggregates; the codes themselves are
        // shown to those who make them.
        [Coupons] = [StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst],
        [EditCoupons] = [StaffRoles.Owner, StaffRoles.Manager],
        [Settings] = [StaffRoles.Owner],
        [ApiKeys] = [StaffRoles.Owner],
        [Staff] = [StaffRoles.Owner],
        [Audit] = [StaffRoles.Owner, StaffRoles.Manager],
        [Till] = [StaffRoles.Cashier, StaffRoles.Owner, StaffRoles.Manager],
    };

    public static bool Allows(string role, string permission) => Roles.TryGetValue(permission, out var roles) && roles.Contains(role);
}
