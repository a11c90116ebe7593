namespace Treu.Domain.Tiers;

/// <summary>When a member's tier is reviewed: the only time it can go down (apart from a return, if the program says so).</summary>
public enum ReviewSchedule
{
    /// <summary>A given number of months after the member's last upgrade (and again as many months after each review).</summary>
    MonthsAfterUpgrade,

    /// <summary>At the end of the qualifying period: every 1 January, for a calendar year.</summary>
    PeriodEnd,
}
