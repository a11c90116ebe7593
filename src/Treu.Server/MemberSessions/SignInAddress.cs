using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>Where a member asks for a sign-in code: a program and exactly one of an e-mail address and a phone number.</summary>
public sealed record SignInAddress(string ProgramId, string? Email, string? Phone)
{
    public string Channel => Email is not null ? "email" : "sms";

    public static Result<SignInAddress> Check(Validation check, string? programId, string? email, string? phone)
    {
        check.Require("programId", programId, 64);
        if ((email is null) == (phone is null))
        {
            check.Add("email", "give exactly one of email and phone");
        }

        var normalizedEmail = email is null ? null : EmailAddress.Normalize(email);
        var normalizedPhone = phone is null ? null : PhoneNumber.Normalize(phone);
        if (email is not null && normalizedEmail is null)
        {
            check.Add("email", "is not a valid e-mail address");
        }

        if (phone is not null && normalizedPhone is null)
        {
            check.Add("phone", "must be an international number in E.164 form, e.g. +491701234567");
        }

        return check.ToFailure() is { } invalid ? invalid : new SignInAddress(programId!, normalizedEmail, normalizedPhone);
    }

    /// <summary>The member at this address, or null: the caller answers alike either way.</summary>
    public Task<Member?> FindAsync(TreuDbContext db, CancellationToken ct) =>
        db.Members.AsNoTracking().Where(m => m.ProgramId == ProgramId)
            .Where(Email is not null ? m => m.Email == Email : m => m.Phone == Phone)
            .SingleOrDefaultAsync(ct);
}
