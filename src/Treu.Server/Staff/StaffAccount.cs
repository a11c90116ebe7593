namespace Treu.Server.Staff;

/// <summary>
/// A person who works in the console or at the cashier screen: signs in with an e-mail address and a password (hashed
/// with ASP.NET Core Identity's <see cref="Microsoft.AspNetCore.Identity.PasswordHasher{TUser}"/>), optionally a second
/// factor, and acts in one role.
/// </summary>
public sealed class StaffAccount
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }

    /// <summary>Normalised to lower case; unique in the program: the name to sign in with.</summary>
    public required string Email { get; set; }
    public required string DisplayName { get; set; }

    /// <summary>One of <see cref="StaffRoles.All"/>.</summary>
    public required string Role { get; set; }

    /// <summary>The one store a cashier works in; null for the other roles.</summary>
    public string? StoreId { get; set; }
    public required string PasswordHash { get; set; }

    /// <summary>Changes whenever the account's sign-ins must end (password, role, sign-out everywhere): a session carrying another stamp is over.</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Wrong passwords or codes since the last good sign-in; at <see cref="StaffSignIn.MaxFailedAttempts"/> the account locks.</summary>
    public int FailedSignIns { get; set; }
    public DateTime? LockedUntil { get; set; }

    /// <summary>The TOTP secret (base32), set when the person starts to enrol an authenticator.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>True once the person confirmed a code from the authenticator: from then on a sign-in asks for one.</summary>
    public bool TotpEnabled { get; set; }

    /// <summary>The TOTP time step of the last code accepted: a code is good once.</summary>
    public long TotpLastStep { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? LastSignInAt { get; set; }

    /// <summary>Set when the account was switched off: it can no longer sign in.</summary>
    public DateTime? DisabledAt { get; set; }
}
