using Treu.Domain.Rules;

namespace Treu.Domain.Tests.Rules;

/// <summary>What a capped rule has given a member, summed from its daily awards: the caps per day, week and month read these sums.</summary>
public sealed class RuleUsageTests
{
    // Wednesday 2026-12-02: its ISO week starts on Monday 2026-11-30, in the previous month.
    private static readonly DateOnly Wednesday = new(2026, 12, 2);

    private static (DateOnly, long, int) Award(DateOnly day, long points, int times = 1) => (day, points, times);

    [Fact]
    public void Weeks_start_on_monday_and_sunday_belongs_to_the_week_before()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), RuleUsage.WeekStart(Wednesday));
        Assert.Equal(new DateOnly(2026, 11, 30), RuleUsage.WeekStart(new DateOnly(2026, 11, 30)));
        Assert.Equal(new DateOnly(2026, 11, 23), RuleUsage.WeekStart(new DateOnly(2026, 11, 29)));
    }

    [Fact]
    public void Today_this_week_and_this_month_are_summed_separately()
    {
        var usage = RuleUsage.Of(
        [
            Award(Wednesday, 10, 2),
            Award(new DateOnly(2026, 12, 1), 20),
            Award(new DateOnly(2026, 11, 30), 40),   // this week, last month
            Award(new DateOnly(2026, 11, 29), 80),   // last week, last month
        ], Wednesday, timesEver: 9, budgetUsed: 1234);

        Assert.Equal(10, usage.MemberToday);
        Assert.Equal(2, usage.TimesForMemberToday);
        Assert.Equal(70, usage.MemberThisWeek);
        Assert.Equal(30, usage.MemberThisMonth);
        Assert.Equal(9, usage.TimesForMember);
        Assert.Equal(1234, usage.BudgetUsed);
    }

    [Fact]
    public void Awards_dated_after_today_do_not_count_against_a_purchase_recorded_late()
    {
        var usage = RuleUsage.Of([Award(Wednesday.AddDays(1), 50), Award(Wednesday, 5)], Wednesday, timesEver: 2, budgetUsed: 55);

        Assert.Equal(5, usage.MemberToday);
        Assert.Equal(5, usage.MemberThisWeek);
        Assert.Equal(5, usage.MemberThisMonth);
    }

    [Fact]
    public void The_awards_to_read_start_at_the_earlier_of_week_start_and_month_start()
    {
        Assert.Equal(new DateOnly(2026, 11, 30), RuleUsage.Since(Wednesday));
        Assert.Equal(new DateOnly(2026, 12, 1), RuleUsage.Since(new DateOnly(2026, 12, 17)));
    }
}
