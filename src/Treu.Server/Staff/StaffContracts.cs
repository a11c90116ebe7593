using System.ComponentModel.DataAnnotations;

namespace Treu.Server.Staff;

/// <summary>A new staff account.</summary>
/// <param name="Email">The name to sign in with; unique in the program.</param>
/// <param name="Role">owner, manager, analyst, support or cashier.</param>
/// <param name="StoreId">The store a cashier works in: required for a cashier, refused for the other roles.</param>
/// <param name="Password">At least 12 characters; left out, one is made and shown once, in the answer.</param>
public sealed record AddStaffRequest(
    [property: MaxLength(254)] string? Email,
    [property: MaxLength(100)] string? DisplayName,
    [property: AllowedValues(StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst, StaffRoles.Support, StaffRoles.Cashier)] string? Role,
    [property: MaxLength(64)] string? StoreId = null,
    [property: MaxLength(200)] string? Password = null);

/// <summary>A change to a staff account; only the fields sent change.</summary>
/// <param name="Disabled">True switches the account off (its sessions end), false on again.</param>
/// <param name="Unlock">True lifts a lock-out after too many wrong passwords.</param>
/// <param name="SignOutEverywhere">True ends every session of the account, on every device.</param>
/// <param name="Password">A new password (at least 12 characters); every session ends.</param>
/// <param name="RemoveSecondFactor">True removes the authenticator (for someone who lost their phone).</param>
public sealed record ChangeStaffRequest(
    [property: MaxLength(100)] string? DisplayName = null,
    [property: AllowedValues(StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst, StaffRoles.Support, StaffRoles.Cashier)] string? Role = null,
    [property: MaxLength(64)] string? StoreId = null,
    bool? Disabled = null,
    bool? Unlock = null,
    bool? SignOutEverywhere = null,
    [property: MaxLength(200)] string? Password = null,
    bool? RemoveSecondFactor = null);

/// <param name="Locked">True while the account is locked out after too many wrong passwords.</param>
/// <param name="SecondFactor">True when a sign-in also asks for a code from an authenticator app.</param>
public sealed record StaffView(
    string Id,
    string Email,
    string DisplayName,
    [property: AllowedValues(StaffRoles.Owner, StaffRoles.Manager, StaffRoles.Analyst, StaffRoles.Support, StaffRoles.Cashier)] string Role,
    string? StoreId,
    bool Disabled,
    bool Locked,
    bool SecondFactor,
    DateTime? LastSignInAt,
    DateTime CreatedAt)
{
    public static StaffView From(StaffAccount a, DateTime now) => new(a.Id, a.Email, a.DisplayName, a.Role, a.StoreId, a.DisabledAt is not null,
        a.LockedUntil > now, a.TotpEnabled, a.LastSignInAt, a.CreatedAt);
}

/// <param name="Password">The password, shown in this answer only when the server made it.</param>
public sealed record StaffCreatedView(StaffView Account, string? Password);
