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
    TimeZoneInfo? TimeZone = null);

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
}

/// <summary>A rule in force, with the version it is evaluated at.</summary>
public sealed record ActiveRule(string Id, int Version, RuleDefinition Definition);

public sealed record LinePoints(int LineNo, long Points);

/// <summary>
/// One rule's part in an evaluation: what it gave, or the one reason it gave nothing (or less). <see cref="Lines"/>
/// lists the points per line for rules with a product condition; a rule on the whole basket leaves it empty.
/// </summary>
public sealed record RuleOutcome(
    string RuleId,
    int Version,
    string Name,
    bool Applied,
    long Points,
    decimal Cashback,
    string? Reason,
    IReadOnlyList<LinePoints> Lines);

/// <param name="Outcomes">Every rule's outcome when explained (a preview), else only the rules that gave something.</param>
/// <param name="PointsByLine">The total split over the basket's lines, so a return knows what each line earned.</param>
public sealed record RuleEvaluation(long Points, decimal Cashback, IReadOnlyList<RuleOutcome> Outcomes, IReadOnlyList<LinePoints> PointsByLine)
{
    public IEnumerable<RuleOutcome> Applied => Outcomes.Where(o => o.Applied);

    public long PointsOfLine(int lineNo) => PointsByLine.Where(l => l.LineNo == lineNo).Sum(l => l.Points);
}
