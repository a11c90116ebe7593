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

/// <summary>A staff account's e-mail address obeys the same rules as a member's.</summary>
public static class MemberChecksForStaff
{
    public static string? Email(Validation check, string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            check.Add("email", "is required");
            return null;
        }

        var email = EmailAddress.Normalize(raw);
        if (email is null)
        {
            check.Add("email", "is not a valid e-mail address");
        }

        return email;
    }
}
