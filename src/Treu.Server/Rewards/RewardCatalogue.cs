using Microsoft.EntityFrameworkCore;
using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;
using Treu.Server.Storage;
using Treu.Server.Transactions;

namespace Treu.Server.Rewards;

/// <summary>The rewards on offer as one member sees them, and what stands between the member and each one.</summary>
public sealed class RewardCatalogue(TreuDbContext db, TimeProvider clock)
{
    public async Task<MemberCatalogueView> ForMemberAsync(LoyaltyProgram program, Member member, string? language, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rewards = (await db.Rewards.AsNoTracking().Where(r => r.ProgramId == program.Id && r.Status == RewardStatus.Active).ToListAsync(ct))
            .Where(r => r.OnOffer(now)).ToList();
        var ids = rewards.Select(r => r.Id).ToList();
        var stock = await db.RewardStocks.AsNoTracking().Where(s => s.ProgramId == program.Id && ids.Contains(s.RewardId)).ToDictionaryAsync(s => s.RewardId, ct);
        var counts = await RedeemedInPeriodsAsync(program, member.Id, rewards.Where(r => r.LimitPerMember is not null).ToList(), now, ct);
        var lang = language ?? member.Language;
        var views = rewards.Select(r =>
            {
                var left = stock.GetValueOrDefault(r.Id)?.Left;
                var refusal = r.WhyNot(member, now, left, counts.GetValueOrDefault(r.Id), program.PointsName);
                var missing = Math.Max(r.PointsCost - member.Available, 0);
                return new MemberRewardView(r.Id, r.Type, Reward.Text(r.Name, lang), Reward.Text(r.Description, lang), Reward.Text(r.Terms, lang), r.PointsCost,
                    r.Amount, r.Percent, ImageUrl(r), left, r.ValidTo, refusal is null, missing == 0, missing, refusal?.Reason, refusal?.In(lang));
            })
            // What can be had now first, then what the member is eligible for but cannot yet afford, then the rest; cheapest first.
            .OrderBy(v => v.CanRedeem ? 0 : v.NotRedeemableBecause == "not_enough_points" ? 1 : 2)
            .ThenBy(v => rewards.First(r => r.Id == v.Id).SortOrder).ThenBy(v => v.PointsCost).ThenBy(v => v.Id, StringComparer.Ordinal)
            .ToList();
        return new MemberCatalogueView(member.Id, lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "de", member.Available, views);
    }

    /// <summary>How often the member redeemed each of these rewards in its current limit period (vouchers not cancelled, and donations).</summary>
    public async Task<Dictionary<string, int>> RedeemedInPeriodsAsync(LoyaltyProgram program, string memberId, IReadOnlyList<Reward> limited, DateTime now,
        CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (limited.Count == 0)
        {
            return counts;
        }

        var zone = RuledEarning.TimeZoneOf(program);
        var since = limited.Min(r => LimitPeriods.Start(r.LimitPeriod, now, zone));
        var ids = limited.Select(r => r.Id).ToList();
        var vouchers = await db.Vouchers.AsNoTracking()
            .Where(v => v.MemberId == memberId && v.RewardId != null && ids.Contains(v.RewardId) && v.IssuedAt >= since && v.Status != VoucherStatus.Cancelled)
            .Select(v => new { RewardId = v.RewardId!, At = v.IssuedAt }).ToListAsync(ct);
        var donations = await db.Donations.AsNoTracking().Where(d => d.MemberId == memberId && ids.Contains(d.RewardId) && d.CreatedAt >= since)
            .Select(d => new { d.RewardId, At = d.CreatedAt }).ToListAsync(ct);
        foreach (var reward in limited)
        {
            var start = LimitPeriods.Start(reward.LimitPeriod, now, zone);
            counts[reward.Id] = vouchers.Concat(donations).Count(x => x.RewardId == reward.Id && x.At >= start);
        }

        return counts;
    }

    public static string? ImageUrl(Reward reward) => reward.ImageTag is { } tag ? $"/v1/rewards/{Uri.EscapeDataString(reward.Id)}/image?v={tag}" : null;
}
