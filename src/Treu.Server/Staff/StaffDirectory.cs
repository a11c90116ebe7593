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

    /// <summary>The names of the people among the actors the ledger and the audit trail record (<c>staff:stf_…</c>), by actor.</summary>
    public Task<Dictionary<string, string>> NamesAsync(string programId, IEnumerable<string> actors, CancellationToken ct) => NamesAsync(db, programId, actors, ct);

    public static async Task<Dictionary<string, string>> NamesAsync(TreuDbContext db, string programId, IEnumerable<string> actors, CancellationToken ct)
    {
        var staff = actors.Where(a => a.StartsWith("staff:", StringComparison.Ordinal)).Select(a => a[6..]).Distinct().ToList();
        return staff.Count == 0 ? []
            : await db.StaffAccounts.AsNoTracking().Where(s => s.ProgramId == programId && staff.Contains(s.Id)).ToDictionaryAsync(s => "staff:" + s.Id, s => s.DisplayName, ct);
    }
}
