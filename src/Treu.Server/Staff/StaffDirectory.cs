using Microsoft.EntityFrameworkCore;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>The program's staff accounts as the API lists them and the console shows them: never a password or a second factor's secret.</summary>
public sealed class StaffDirectory(TreuDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<StaffView>> ListAsync(string programId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = await db.StaffAccounts.AsNoTracking().Where(s => s.ProgramId == programId).OrderBy(s => s.Email).Take(1000).ToListAsync(ct);
        return accounts.Select(a => StaffView.From(a, now)).ToList();
    }
}
