namespace Treu.Domain.Rules;

/// <summary>What a rule has already given, for its caps: to this member today, this week, this month, and in total.</summary>
public sealed record RuleUsage(
    long MemberToday = 0,
    long MemberThisWeek = 0,
    long MemberThisMonth = 0,
    long BudgetUsed = 0,
    int TimesForMember = 0,
    int TimesForMemberToday = 0)
{
    public static readonly RuleUsage None = new();

    /// <summary>A rule's usage from its daily awards to one member (at least this week's and this month's), its times ever and its budget spent.</summary>
    public static RuleUsage Of(IEnumerable<(DateOnly Day, long Points, int Times)> awards, DateOnly today, int timesEver, long budgetUsed)
    {
        var weekStart = WeekStart(today);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        long day = 0, week = 0, month = 0;
        var timesToday = 0;
        foreach (var (d, points, times) in awards)
        {
            if (d > today)
            {
                continue;
            }

            day += d == today ? points : 0;
            timesToday += d == today ? times : 0;
            week += d >= weekStart ? points : 0;
            month += d >= monthStart ? points : 0;
        }

        return new RuleUsage(day, week, month, budgetUsed, timesEver, timesToday);
    }

    /// <summary>Weeks start on Monday (ISO 8601).</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The earliest day whose awards <see cref="Of"/> needs: the start of the week or of the month, whichever is first.</summary>
    public static DateOnly Since(DateOnly today)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var weekStart = WeekStart(today);
        return weekStart < monthStart ? weekStart : monthStart;
    }
}
