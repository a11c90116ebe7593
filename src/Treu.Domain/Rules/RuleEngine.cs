using System.Collections.Frozen;
using Treu.Domain.Purchases;

namespace Treu.Domain.Rules;

/// <summary>What the engine knows about the member at the moment of the purchase or event.</summary>
public sealed record MemberFacts(
    string? Tier = null,
    IReadOnlyCollection<string>? Segments = null,
    DateOnly? BirthDate = null,
    bool FirstPurchase = false,
    IReadOnlyDictionary<string, string>? Attributes = null);

/// <summary>A basket line as the rules see it: what it is and how much of it is eligible (after discounts, redemption and exclusions).</summary>
public sealed record EarnLine(int LineNo, string Sku, string? Category, string? Brand, decimal Quantity, decimal EligibleAmount);

public sealed record EarnRequest(
    RuleTrigger Trigger,
    string Channel,
    string? StoreId,
    DateTime OccurredAtUtc,
    MemberFacts Member,
    IReadOnlyList<EarnLine> Lines,
    IReadOnlyList<string>? PaymentMethods = null,
    string? EventType = null,
    TimeZoneInfo? TimeZone = null)
{
    /// <summary>When it happened on the program's clocks (UTC without a time zone): what weekday, hour and day rules and caps read.</summary>
    public DateTime LocalTime => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(OccurredAtUtc, DateTimeKind.Utc), TimeZone ?? TimeZoneInfo.Utc);

    /// <summary>The local day: the day per-member caps per day, week and month count on.</summary>
    public DateOnly LocalDay => DateOnly.FromDateTime(LocalTime);
}

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

/// <summary>A rule in force, with the version it is evaluated at.</summary>
public sealed record ActiveRule(string Id, int Version, RuleDefinition Definition);

public sealed record LinePoints(int LineNo, long Points);

/// <summary>
/// One rule's part in an evaluation: what it gave, or the one reason it gave nothing (or less). <see cref="Lines"/>
/// lists the points per line for rules with a product condition; a rule on the whole basket leaves it empty.
/// <see cref="Capped"/> says a cap or the budget took something away, and <see cref="Reason"/> names it.
/// </summary>
public sealed record RuleOutcome(
    string RuleId,
    int Version,
    string Name,
    bool Applied,
    long Points,
    decimal Cashback,
    string? Reason,
    IReadOnlyList<LinePoints> Lines,
    bool Capped = false);

/// <param name="Outcomes">Every rule's outcome when explained (a preview), else only the rules that gave something.</param>
/// <param name="PointsByLine">The total split over the basket's lines, so a return knows what each line earned.</param>
public sealed record RuleEvaluation(long Points, decimal Cashback, IReadOnlyList<RuleOutcome> Outcomes, IReadOnlyList<LinePoints> PointsByLine)
{
    public IEnumerable<RuleOutcome> Applied => Outcomes.Where(o => o.Applied);

    public long PointsOfLine(int lineNo) => PointsByLine.Where(l => l.LineNo == lineNo).Sum(l => l.Points);
}
