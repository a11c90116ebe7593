using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Tiers;
using Treu.Server.Events;
using Treu.Server.Hosting;

namespace Treu.Server.Tiers;

/// <summary>One saved version of the ladder.</summary>
public sealed record TierLadderVersionView(int Version, TierLadder Definition, DateTime CreatedAt, string CreatedBy);

/// <summary>The program's ladder in force and every earlier version, newest first.</summary>
/// <param name="Version">0 while the program has no tiers.</param>
/// <param name="Definition">The ladder: metric, period, reviews and the tiers, lowest first.</param>
public sealed record TierLadderView(int Version, TierLadder Definition, DateTime? UpdatedAt, string? UpdatedBy, IReadOnlyList<TierLadderVersionView> Versions);

/// <summary>How many members a tier holds.</summary>
/// <param name="Members">Under the ladder in question (for a preview: the new one).</param>
/// <param name="MembersNow">For a preview: how many hold the tier now, under the ladder in force.</param>
public sealed record TierCountView(string Id, LocalizedText Name, decimal Threshold, long Members, long? MembersNow = null);

/// <summary>What a new ladder would do: how many members each of its tiers would hold, on what they did in its window and their manual tiers.</summary>
/// <param name="OtherNow">Members who now hold a tier the new ladder does not have.</param>
public sealed record TierPreviewView(long Members, IReadOnlyList<TierCountView> Tiers, long OtherNow, DateTime At);

/// <param name="Month">yyyy-MM in the program's time zone.</param>
public sealed record TierMonthView(string Month, long Upgrades, long Downgrades);

/// <summary>The program's tiers in figures: members per tier now, and upgrades and downgrades per month over the last twelve months.</summary>
/// <param name="Other">Members holding a tier the ladder no longer has, until their review.</param>
public sealed record TierStatsView(long Members, IReadOnlyList<TierCountView> Tiers, long Other, IReadOnlyList<TierMonthView> Months);

/// <summary>A tier given by hand, and until when.</summary>
/// <param name="Until">The last day it holds (the program's time).</param>
public sealed record ManualTierView(TierRef Tier, DateOnly Until, string? Reason);

/// <summary>The tier a member holds and what it gives.</summary>
/// <param name="SecuredUntil">The last day the tier is certain to hold on what the member has done so far; null at the base tier.</param>
public sealed record HeldTierView(string Id, LocalizedText Name, DateTime? Since, DateOnly? SecuredUntil, TierBenefits Benefits);

/// <summary>The next tier up, and what it takes.</summary>
/// <param name="Missing">In the program's metric.</param>
/// <param name="MissingText">The same as a member reads it: "noch 550 Punkte" / "550 more points", "€42.50 more", "2 more purchases".</param>
public sealed record NextTierView(string Id, LocalizedText Name, decimal Threshold, decimal Missing, LocalizedText MissingText);

/// <summary>What keeps the tier at its next review.</summary>
/// <param name="ReviewAt">When the tier is reviewed (midnight, the program's time).</param>
/// <param name="Needed">What the window read at that review still needs, in the program's metric; 0 when the tier holds.</param>
public sealed record KeepTierView(DateTime ReviewAt, decimal Needed, LocalizedText NeededText);

/// <param name="Month">yyyy-MM in the program's time zone.</param>
public sealed record QualifyingMonthView(string Month, decimal Value);

/// <summary>Where a member stands: the tier, what the next one takes, what keeps this one, and the window month by month.</summary>
/// <param name="Metric">What tiers are earned with: qualifying_points, qualifying_spend or purchases.</param>
/// <param name="Period">rolling_12_months, calendar_year or lifetime.</param>
/// <param name="Qualifying">What counts in the current window, in the metric.</param>
/// <param name="Next">Null at the top tier.</param>
/// <param name="Keep">Null at the base tier: there is nothing to keep.</param>
/// <param name="Manual">A manual tier, while it holds.</param>
/// <param name="History">The window's months, oldest first, each with what counted in it.</param>
/// <param name="Before">For a lifetime period: what counted before the months listed.</param>
public sealed record MemberTierView(
    string MemberId,
    QualifyingMetric Metric,
    QualifyingPeriod Period,
    HeldTierView Tier,
    decimal Qualifying,
    LocalizedText QualifyingText,
    NextTierView? Next,
    KeepTierView? Keep,
    ManualTierView? Manual,
    IReadOnlyList<QualifyingMonthView> History,
    decimal? Before,
    int LadderVersion);

/// <summary>A tier given by hand, as a floor until a day: a status match, a celebrity's VIP, status from an old system.</summary>
/// <param name="Tier">A tier of the ladder; null ends the member's manual tier now (the member is reviewed at the review's next run).</param>
/// <param name="Until">The last day it holds, in the program's time; required with a tier, at most five years ahead.</param>
/// <param name="Reason">Why: kept in the tier history.</param>
public sealed record ManualTierRequest([property: MaxLength(32)] string? Tier, DateOnly? Until, [property: MaxLength(500)] string? Reason);

/// <summary>The member's standing after a manual tier, and the change it made.</summary>
public sealed record ManualTierResultView(TierMoveView? Change, MemberTierView Standing);

/// <summary>A tier change as the answer to the write that caused it shows it (<c>"tier": {"from": …, "to": …}</c>).</summary>
public sealed record TierMoveView(TierRef From, TierRef To, [property: AllowedValues("up", "down")] string Direction);

/// <summary>A change of a member's tier, with its cause.</summary>
/// <param name="Cause">purchase, return, event, adjustment, review, admin or import.</param>
/// <param name="CauseId">The purchase, return, member event or adjustment, for those causes.</param>
/// <param name="Qualifying">The qualifying value it was decided on, in the ladder's metric.</param>
public sealed record TierChangeView(
    string Id,
    DateTime At,
    TierRef From,
    TierRef To,
    [property: AllowedValues("up", "down")] string Direction,
    [property: AllowedValues("purchase", "return", "event", "adjustment", "review", "admin", "import")] string Cause,
    string? CauseId,
    string? Reason,
    decimal Qualifying,
    int LadderVersion);

public sealed record TierHistoryPage(IReadOnlyList<TierChangeView> Items, string? NextCursor);
