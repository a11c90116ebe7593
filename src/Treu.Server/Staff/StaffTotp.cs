using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>
/// The optional second factor: a time-based one-time code (RFC 6238, 6 digits, 30 seconds) from an authenticator app.
/// The person scans a QR code of the secret, confirms with one code, and from then on every sign-in asks for a code.
/// The secret is kept encrypted with the server's data-protection keys; a code is accepted once, within one step of
/// clock drift either way.
/// </summary>
public sealed class StaffTotp(TreuDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Issuer = "Treu";

    private readonly IDataProtector _protector = protection.CreateProtector("Treu.Staff.Totp");

    /// <summary>An enrolment begun: the secret to type in and the otpauth: URI the QR code shows.</summary>
    public sealed record Enrolment(string Secret, string Uri);

    public async Task<Result<Enrolment>> BeginAsync(string programId, string accountId, CancellationToken ct)
    {
        var account = await db.StaffAccounts.SingleOrDefaultAsync(s => s.ProgramId == programId && s.Id == accountId, ct);
        if (account is null)
        {
            return StaffErrors.StaffNotFound.With("No such staff account in this program.");
        }

        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        (account.TotpSecret, account.TotpEnabled) = (_protector.Protect(secret), false);
        await db.SaveChangesAsync(ct);
        var label = Uri.EscapeDataString($"{Issuer}:{account.Email}");
        return new Enrolment(secret, $"otpauth://totp/{label}?secret={secret}&issuer={Issuer}&digits=6&period=30");
    }

    /// <summary>Finishes an enrolment with a code from the app: proof that the app holds the secret.</summary>
    public async Task<Result<bool>> ConfirmAsync(string programId, string accountId, string? code, CancellationToken ct)
    {
        var account = await db.StaffAccounts.SingleOrDefaultAsync(s => s.ProgramId == programId && s.Id == accountId, ct);
        if (account?.TotpSecret is null)
        {
            return StaffErrors.StaffNotFound.With("Begin the enrolment first.");
        }

        if (!Accept(account, code))
        {
            return StaffErrors.WrongCode.With("The code does not match: check the time on the phone and type the code the app shows now.", "code");
        }

        account.TotpEnabled = true;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Whether the code is the account's current one (or one step either side) and was not used before; remembers it.</summary>
    public bool Accept(StaffAccount account, string? code)
    {
        code = code?.Replace(" ", "", StringComparison.Ordinal);
        if (account.TotpSecret is null || code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(_protector.Unprotect(account.TotpSecret)));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(1, 1)) || step <= account.TotpLastStep)
        {
            return false;
        }

        account.TotpLastStep = step;
        return true;
    }

    /// <summary>The code an authenticator would show now, for the tests.</summary>
    internal string CodeNow(StaffAccount account) =>
        new Totp(Base32Encoding.ToBytes(_protector.Unprotect(account.TotpSecret!))).ComputeTotp(clock.GetUtcNow().UtcDateTime);
}
