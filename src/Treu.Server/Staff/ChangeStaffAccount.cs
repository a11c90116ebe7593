using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Server.Admin;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>
/// An owner changes a staff account: its name, role or store, switches it off or on, lifts a lock-out, sets a new
/// password, removes a lost authenticator, or ends its sessions everywhere. Whatever changes what the person may do ends
/// their sessions (a new security stamp). A program keeps at least one owner who can sign in.
/// </summary>
public sealed class ChangeStaffAccount(TreuDbContext db, AuditTrail audit, TimeProvider clock)
{
    public sealed record Order(Caller Caller, string AccountId, ChangeStaffRequest Request, string? StoreId);

    public Result<Order> Check(Caller caller, string accountId, ChangeStaffRequest body)
    {
        var check = new Validation().MaxLength("displayName", body.DisplayName, 100);
        if (body.DisplayName is { } name && string.IsNullOrWhiteSpace(name))
        {
            check.Add("displayName", "must not be empty");
        }

        StaffPasswords.Check(check, "password", body.Password);
        var store = body.Role is not null || body.StoreId is not null ? StaffChecks.Store(check, body.Role ?? StaffRoles.Cashier, body.StoreId) : null;
        return check.ToFailure() is { } invalid ? invalid : new Order(caller, accountId, body, store);
    }

    public async Task<Result<StaffView>> RunAsync(Order order, CancellationToken ct)
    {
        var (caller, body) = (order.Caller, order.Request);
        var account = await db.StaffAccounts.SingleOrDefaultAsync(s => s.ProgramId == caller.ProgramId && s.Id == order.AccountId, ct);
        if (account is null)
        {
            return StaffErrors.StaffNotFound.With("No such staff account in this program.");
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var role = body.Role ?? account.Role;
        if (body.StoreId is not null && body.Role is null && role != StaffRoles.Cashier)
        {
            return CommonErrors.InvalidField("storeId", "is only for a cashier");
        }

        var disabled = body.Disabled ?? account.DisabledAt is not null;
        if (account.Role == StaffRoles.Owner && (role != StaffRoles.Owner || disabled)
            && !await db.StaffAccounts.AnyAsync(s => s.ProgramId == caller.ProgramId && s.Id != account.Id && s.Role == StaffRoles.Owner && s.DisabledAt == null, ct))
        {
            return StaffErrors.LastOwner.With("This is the program's last owner: make someone else owner first.");
        }

        var endSessions = body.SignOutEverywhere == true || body.Password is not null || role != account.Role || disabled != (account.DisabledAt is not null)
            || (role == StaffRoles.Cashier && order.StoreId is not null && order.StoreId != account.StoreId);
        account.DisplayName = body.DisplayName?.Trim() ?? account.DisplayName;
        account.StoreId = role == StaffRoles.Cashier ? order.StoreId ?? account.StoreId : null;
        account.Role = role;
        account.DisabledAt = disabled ? account.DisabledAt ?? now : null;
        if (body.Unlock == true)
        {
            (account.LockedUntil, account.FailedSignIns) = (null, 0);
        }

        if (body.Password is not null)
        {
            account.PasswordHash = StaffPasswords.Hash(account, body.Password);
        }

        if (body.RemoveSecondFactor == true)
        {
            (account.TotpSecret, account.TotpEnabled) = (null, false);
        }

        if (endSessions)
        {
            account.SecurityStamp = Ids.Random(26);
        }

        account.UpdatedAt = now;
        audit.Record(caller, "staff.changed", "staff", account.Id, new
        {
            body.DisplayName,
            body.Role,
            account.StoreId,
            body.Disabled,
            body.Unlock,
            body.SignOutEverywhere,
            PasswordChanged = body.Password is not null,
            body.RemoveSecondFactor,
        });
        return StaffView.From(account, now);
    }
}
