using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>
/// Checks a person's password and, when they enrolled an authenticator, the code from it. Five wrong answers in a row lock
/// the account for <see cref="LockFor"/>: a guessed password gets at most five tries a quarter of an hour, and while locked
/// even the right one is refused. A wrong e-mail address takes as long as a wrong password and says no more.
/// </summary>
public sealed class StaffSignIn(TreuDbContext db, StaffTotp totp, TimeProvider clock)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(15);

    public enum Outcome
    {
        SignedIn,
        /// <summary>The password was right; the authenticator's code is asked next.</summary>
        CodeNeeded,
        Failed,
        LockedOut,
    }

    public sealed record Attempt(Outcome Outcome, StaffAccount? Account);

    public async Task<Attempt> PasswordAsync(string? email, string? password, CancellationToken ct)
    {
        var normalized = EmailAddress.Normalize(email ?? "");
        var account = normalized is null || string.IsNullOrEmpty(password) ? null
            : await db.StaffAccounts.Where(s => s.Email == normalized).OrderBy(s => s.CreatedAt).FirstOrDefaultAsync(ct);
        if (account is null || account.DisabledAt is not null)
        {
            StaffPasswords.VerifyNobody(password ?? "");
            return new Attempt(Outcome.Failed, null);
        }

        var now = Now;
        if (account.LockedUntil > now)
        {
            return new Attempt(Outcome.LockedOut, null);
        }

        if (!StaffPasswords.Verify(account, password!, out var rehash))
        {
            return await FailAsync(account, now, ct);
        }

        if (rehash)
        {
            account.PasswordHash = StaffPasswords.Hash(account, password!);
        }

        if (account.TotpEnabled)
        {
            await db.SaveChangesAsync(ct);
            return new Attempt(Outcome.CodeNeeded, account);
        }

        return await SucceedAsync(account, now, ct);
    }

    /// <summary>The second step: the code from the authenticator of an account whose password was right moments ago.</summary>
    public async Task<Attempt> CodeAsync(string accountId, string securityStamp, string? code, CancellationToken ct)
    {
        var account = await db.StaffAccounts.SingleOrDefaultAsync(s => s.Id == accountId, ct);
        if (account is null || account.DisabledAt is not null || account.SecurityStamp != securityStamp || !account.TotpEnabled)
        {
            return new Attempt(Outcome.Failed, null);
        }

        var now = Now;
        if (account.LockedUntil > now)
        {
            return new Attempt(Outcome.LockedOut, null);
        }

        return totp.Accept(account, code) ? await SucceedAsync(account, now, ct) : await FailAsync(account, now, ct);
    }

    private DateTime Now => Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);

    private async Task<Attempt> FailAsync(StaffAccount account, DateTime now, CancellationToken ct)
    {
        account.FailedSignIns++;
        if (account.FailedSignIns >= MaxFailedAttempts)
        {
            (account.LockedUntil, account.FailedSignIns) = (now + LockFor, 0);
        }

        await db.SaveChangesAsync(ct);
        return new Attempt(account.LockedUntil > now ? Outcome.LockedOut : Outcome.Failed, null);
    }

    private async Task<Attempt> SucceedAsync(StaffAccount account, DateTime now, CancellationToken ct)
    {
        (account.FailedSignIns, account.LockedUntil, account.LastSignInAt) = (0, null, now);
        await db.SaveChangesAsync(ct);
        return new Attempt(Outcome.SignedIn, account);
    }
}
