using Treu.Domain.Members;
using Treu.Domain.Programs;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Transactions;

namespace Treu.Server.Tiers;

/// <summary>A member's standing on the ladder as the member's tier page shows it (<see cref="TierPolicy.Progress"/>, worded).</summary>
public static class TierStanding
{
    public static MemberTierView Of(Member member, ProgramLadder ladder, LoyaltyProgram program, DateTime now)
    {
        var (metric, currency, points) = (ladder.Ladder.Metric, program.Currency, program.PointsName);
        var progress = TierPolicy.Progress(member, ladder.Ladder, now, RuledEarning.TimeZoneOf(program));
        var tier = progress.Tier;
        var next = progress.Next is { } up
            ? new NextTierView(up.Id, up.Name!, up.Threshold, progress.Missing!.Value, TierTexts.More(metric, progress.Missing.Value, currency, points))
            : null;
        var keep = progress.NeededToKeep is { } needed && progress.ReviewAt is { } reviewAt
            ? new KeepTierView(reviewAt, needed, TierTexts.More(metric, needed, currency, points))
            : null;
        var manual = progress.ManualTier is { } floor
            ? new ManualTierView(TierRef.Of(ladder.Ladder, floor), progress.ManualUntil!.Value, progress.ManualReason)
            : null;
        return new MemberTierView(member.Id, metric, ladder.Ladder.Period,
            new HeldTierView(tier.Id, tier.Name!, progress.Since, progress.SecuredUntil, tier.Benefits),
            progress.Qualifying, TierTexts.Amount(metric, progress.Qualifying, currency, points), next, keep, manual,
            progress.Months.Select(m => new QualifyingMonthView(TierMonths.Label(m.Month), m.Value)).ToList(),
            ladder.Ladder.Period == QualifyingPeriod.Lifetime ? progress.Before : null, ladder.Version);
    }
}
