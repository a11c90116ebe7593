using Microsoft.EntityFrameworkCore;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Staff;
using Treu.Server.Storage;

namespace Treu.Server.Demo;

/// <summary>
/// An owner for the console and a cashier of the Berlin store, with passwords everyone knows (the banner prints them), so
/// that the README's sign-in works as written. Public on purpose, like the demo keys: set Treu:Demo:Seed=false in production.
/// </summary>
public sealed class DemoStaff(TreuDbContext db, AddStaffAccount add) : IDemoPart
{
    public const string OwnerEmail = "owner@demo.treu.dev";
    public const string OwnerPassword = "treu-demo-owner";
    public const string CashierEmail = "cashier@demo.treu.dev";
    public const string CashierPassword = "treu-demo-cashier";

    public async Task SeedAsync(LoyaltyProgram program, DateTime now, CancellationToken ct)
    {
        if (await db.StaffAccounts.AnyAsync(s => s.ProgramId == program.Id, ct))
        {
            return;
        }

        var seeding = new Caller("demo", program.Id, Scopes.Admin, null);
        foreach (var request in new[]
        {
            new AddStaffRequest(OwnerEmail, "Olivia Owner", StaffRoles.Owner, Password: OwnerPassword),
            new AddStaffRequest(CashierEmail, "Carl Cashier", StaffRoles.Cashier, "berlin-mitte", CashierPassword),
        })
        {
            var order = add.Check(seeding, request);
            _ = (await add.RunAsync(order.Value, ct)).Value;
        }

        await db.SaveChangesAsync(ct);
    }
}
