using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Tiers;

/// <summary>
/// Saving the program's ladder: checked, kept as a new version beside every earlier one, with an entry in the audit trail
/// (as rules are). A new ladder changes no member on the spot: members go up on it with their next qualifying purchase,
/// action or credit, and are placed on it, down included, at their next review.
/// </summary>
public sealed class TierAdmin(TreuDbContext db, TierLadders ladders, RuleBooks books, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider clock)
{
    public const int VersionsShown = 50;

    public async Task<Result<TierLadderView>> ReplaceAsync(Caller caller, TierLadder ladder, CancellationToken ct)
    {
        if (TierLadderValidation.Validate(ladder) is { } refused)
        {
            return refused;
        }

        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var version = (await db.TierLadders.Where(l => l.ProgramId == caller.ProgramId).MaxAsync(l => (int?)l.Version, ct) ?? 0) + 1;
        Add(caller.ProgramId, ladder, version, caller.Actor, now);
        db.AuditEntries.Add(new AuditEntry
        {
            ProgramId = caller.ProgramId,
            At = now,
            Actor = caller.Actor,
            ActorName = caller.ActorName,
            Action = "tiers.replaced",
            TargetType = "tiers",
            TargetId = "ladder",
            Details = Serialize(new { version, definition = ladder }),
        });
        return await ViewAsync(caller.ProgramId, ct);
    }

    /// <summary>A version of the ladder, to be saved with the unit of work.</summary>
    public void Add(string programId, TierLadder ladder, int version, string actor, DateTime at) => db.TierLadders.Add(new TierLadderVersion
    {
        ProgramId = programId,
        Version = version,
        Definition = Serialize(ladder),
        CreatedAt = at,
        CreatedBy = actor,
    });

    /// <summary>After a change: this node's rule book and ladder are read again at once (other nodes' within seconds).</summary>
    public void Changed(string programId)
    {
        ladders.Forget(programId);
        books.Forget(programId);
    }

    /// <summary>The ladder in force and its versions, newest first; also those added in this unit of work.</summary>
    public async Task<TierLadderView> ViewAsync(string programId, CancellationToken ct)
    {
        var stored = await db.TierLadders.AsNoTracking().Where(l => l.ProgramId == programId).OrderByDescending(l => l.Version).Take(VersionsShown).ToListAsync(ct);
        var versions = stored.Concat(db.TierLadders.Local.Where(l => l.ProgramId == programId)).DistinctBy(l => l.Version).OrderByDescending(l => l.Version)
            .Take(VersionsShown).Select(l => new TierLadderVersionView(l.Version, TierLadders.Parse(l.Definition), l.CreatedAt, l.CreatedBy)).ToList();
        return versions.Count == 0
            ? new TierLadderView(0, new TierLadder(), null, null, [])
            : new TierLadderView(versions[0].Version, versions[0].Definition, versions[0].CreatedAt, versions[0].CreatedBy, versions);
    }

    private string Serialize<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, json.Value.SerializerOptions);
}
