using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Admin;

/// <summary>Reads the audit trail, newest first, for the API and the console: filtered by what was changed and by whom, a page at a time.</summary>
public sealed class AuditLog(TreuDbContext db)
{
    /// <param name="Entries">The page's entries, newest first.</param>
    /// <param name="More">Whether older entries follow.</param>
    public sealed record Page(IReadOnlyList<AuditEntry> Entries, bool More);

    /// <param name="person">The start of the name of the person who made the change (console changes only).</param>
    public async Task<Page> PageAsync(string programId, string? targetType, string? targetId, string? person, int skip, int take, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.ProgramId == programId);
        if (!string.IsNullOrWhiteSpace(targetType))
        {
            query = query.Where(a => a.TargetType == targetType);
        }

        if (!string.IsNullOrWhiteSpace(targetId))
        {
            query = query.Where(a => a.TargetId == targetId);
        }

        if (!string.IsNullOrWhiteSpace(person))
        {
            var start = person.Trim();
            query = query.Where(a => a.ActorName != null && a.ActorName.StartsWith(start));
        }

        // One more than asked for tells whether another page follows, without counting the whole trail.
        var entries = await query.OrderByDescending(a => a.Id).Skip(skip).Take(take + 1).ToListAsync(ct);
        return new Page(entries.Take(take).ToList(), entries.Count > take);
    }

    public static AuditEntryView View(AuditEntry a) =>
        new(a.Id, a.At, a.Actor, a.Action, a.TargetType, a.TargetId, a.Details is null ? null : JsonDocument.Parse(a.Details).RootElement.Clone());

    /// <summary>What the console offers to filter by: the kinds of things the trail records changes of.</summary>
    public static readonly string[] TargetTypes = ["api_key", "campaign", "coupon", "member", "program", "reward", "rule", "staff", "tiers"];
}
