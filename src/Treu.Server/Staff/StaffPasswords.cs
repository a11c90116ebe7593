using Microsoft.AspNetCore.Identity;
using Treu.Domain.Common;
using Treu.Server.Hosting;

namespace Treu.Server.Staff;

/// <summary>Passwords of staff accounts: ASP.NET Core Identity's hashing (PBKDF2, salted, versioned), and what a new password must be.</summary>
public static class StaffPasswords
{
    public const int MinLength = 12;

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    public static string Hash(StaffAccount account, string password) => Hasher.HashPassword(account, password);

    /// <summary>Whether the password is the account's; a hash made with older parameters is made again (<paramref name="rehash"/>).</summary>
    public static bool Verify(StaffAccount account, string password, out bool rehash)
    {
        var result = Hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>A hash checked when nobody has the e-mail address, so that a wrong address takes as long as a wrong password.</summary>
    public static void VerifyNobody(string password) => Hasher.VerifyHashedPassword(Nobody, NobodyHash.Value, password);

    /// <summary>A password of 20 random letters and digits (100 bits), for a new account.</summary>
    public static string New() => Ids.Random(20);

    public static void Check(Validation check, string field, string? password)
    {
        if (password is null)
        {
            return;
        }

        if (password.Length < MinLength || password.Length > 200)
        {
            check.Add(field, $"must be {MinLength} to 200 characters");
        }
    }

    private static readonly StaffAccount Nobody = new()
    {
        Id = "stf_nobody",
        ProgramId = "",
        Email = "",
        DisplayName = "",
        Role = StaffRoles.Analyst,
        PasswordHash = "",
        SecurityStamp = "",
    };

    private static readonly Lazy<string> NobodyHash = new(() => Hasher.HashPassword(Nobody, Ids.Random(20)));
}
