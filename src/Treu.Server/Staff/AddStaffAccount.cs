using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Admin;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>An owner (or the bootstrap admin key, or <c>treu users add</c>) gives a person an account in one role.</summary>
public sealed class AddStaffAccount(TreuDbContext db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Order(Caller Caller, string Email, string DisplayName, string Role, string? StoreId, string Password, bool Generated);

    public Result<Order> Check(Caller caller, AddStaffRequest body)
    {
        var check = new Validation().Require("displayName", body.DisplayName, 100).Require("role", body.Role, 20);
        var email = MemberChecksForStaff.Email(check, body.Email);
        StaffPasswords.Check(check, "password", body.Password);
        var store = StaffChecks.Store(check, body.Role, body.StoreId);
        if (check.ToFailure() is { } invalid)
        {
            return invalid;
        }

        var password = body.Password ?? StaffPasswords.New();
        return new Order(caller, email!, body.DisplayName!.Trim(), body.Role!, store, password, body.Password is null);
    }

    public async Task<Result<StaffCreatedView>> RunAsync(Order order, CancellationToken ct)
    {
        var programId = order.Caller.ProgramId;
        if (await db.StaffAccounts.AnyAsync(s => s.ProgramId == programId && s.Email == order.Email, ct))
        {
            return StaffErrors.StaffEmailTaken.With("Another staff account already signs in with this e-mail address.", "email");
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var account = new StaffAccount
        {
            Id = Ids.New("stf"),
            ProgramId = programId,
            Email = order.Email,
            DisplayName = order.DisplayName,
            Role = order.Role,
            StoreId = order.StoreId,
            PasswordHash = "",
            SecurityStamp = Ids.Random(26),
            CreatedAt = now,
            UpdatedAt = now,
        };
        account.PasswordHash = StaffPasswords.Hash(account, order.Password);
        db.StaffAccounts.Add(account);
        audit.Record(order.Caller, "staff.created", "staff", account.Id, new { account.Email, account.DisplayName, account.Role, account.StoreId });
        return new StaffCreatedView(StaffView.From(account, now), order.Generated ? order.Password : null);
    }
}
