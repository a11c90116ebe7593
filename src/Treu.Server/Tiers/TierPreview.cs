using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Tiers;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Tiers;

/// <summary>
/// What a new ladder would do before it is saved: how many members each of its tiers would hold on what they did in its
/// window (in its metric) and their manual tiers, beside how many hold each tier now. Reads the members one after another,
/// never all at once; changes nothing.
/// </summary>
public sealed class TierPreview(TreuDbContext db, TierLadders ladders, ProgramSettings programs, TimeProvider clock)
{
    public async Task<Result<TierPreviewView>> RunAsync(Caller caller, TierLadder ladder, CancellationToken ct)
    {
        if (TierLadderValidation.Validate(ladder) is { } refused)
        {
            return refused;
        }

        var program = await programs.GetAsync(caller.ProgramId, ct);
        var current = (await ladders.GetAsync(caller.ProgramId, ct))?.Ladder;
        var zone = RuledEarning.TimeZoneOf(program);
        var now = clock.GetUtcNow().UtcDateTime;
        var would = new long[ladder.Tiers.Count];
        var held = new Dictionary<string, long>(StringComparer.Ordinal);
        long members = 0;
        var rows = db.Members.AsNoTracking().Where(m => m.ProgramId == caller.ProgramId)
            .Select(m => new { m.Tier, m.ManualTier, m.ManualTierUntil, m.Qualification }).AsAsyncEnumerable();
        await foreach (var m in rows.WithCancellation(ct))
        {
            members++;
            var heldNow = m.Tier ?? current?.Base.Id;
            if (heldNow is not null)
            {
                held[heldNow] = held.GetValueOrDefault(heldNow) + 1;
            }

            var rank = ladder.RankFor(TierPolicy.ValueNow(Qualification.Parse(m.Qualification), ladder, now, zone));
            if (m.ManualTier is { } floor && m.ManualTierUntil > now)
            {
                rank = Math.Max(rank, ladder.RankOf(floor));
            }

            would[rank]++;
        }

        var tiers = ladder.Tiers.Select((t, i) => new TierCountView(t.Id, t.Name!, t.Threshold, would[i], held.GetValueOrDefault(t.Id))).ToList();
        var other = held.Where(h => ladder.RankOf(h.Key) < 0).Sum(h => h.Value);
        return new TierPreviewView(members, tiers, other, now);
    }
}
