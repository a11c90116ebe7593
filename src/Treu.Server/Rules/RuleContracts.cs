using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Treu.Domain.Rules;
using Treu.Server.Hosting;

namespace Treu.Server.Rules;

/// <summary>An earning rule to save: its definition (conditions, effects, caps), and optionally its id and campaign.</summary>
/// <param name="Id">A readable id (a-z, 0-9, '_' and '-'; up to 64), e.g. organic_x2; generated when left out. Fixed once created.</param>
/// <param name="CampaignId">The campaign the rule belongs to: it is then in force only while the campaign is active and within its dates.</param>
/// <param name="Definition">The rule itself, validated on save.</param>
public sealed record RuleRequest(RuleDefinition? Definition, [property: MaxLength(64)] string? Id = null, [property: MaxLength(64)] string? CampaignId = null);

/// <summary>How much of a rule's budget is spent. A spent budget stops the rule.</summary>
public sealed record RuleBudgetView(long Budget, long Used, long Left, bool Exhausted);

public sealed record RuleVersionView(int Version, RuleDefinition Definition, DateTime CreatedAt, string CreatedBy);

/// <param name="Status">draft (never active yet), active, or inactive.</param>
/// <param name="InForce">Active, its campaign (if any) active, and now within its dates: it counts on a purchase right now.</param>
/// <param name="Versions">Every version, newest first (only when reading one rule).</param>
/// <param name="BuiltIn">True for base_rate, the program's base earn rate: listed with the rules because it gives points like one,
/// but read-only here; change it with PATCH /v1/admin/program (earnRate, earnRounding).</param>
public sealed record RuleView(
    string Id,
    int Version,
    [property: AllowedValues(RuleStatus.Draft, RuleStatus.Active, RuleStatus.Inactive)] string Status,
    bool InForce,
    string? CampaignId,
    RuleDefinition Definition,
    RuleBudgetView? Budget,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedBy,
    IReadOnlyList<RuleVersionView>? Versions = null,
    bool BuiltIn = false);

/// <summary>A campaign: a time-boxed set of rules switched on and off together.</summary>
/// <param name="Id">A readable id, generated when left out.</param>
/// <param name="Rules">Rules created with the campaign, as drafts (each as for POST /v1/admin/rules, without campaignId).</param>
/// <param name="EarlyAccess">An earlier start for members of named tiers of the program's ladder; none when left out.</param>
public sealed record CampaignRequest(
    [property: MaxLength(100)] string? Name,
    DateTime? StartsAt,
    DateTime? EndsAt,
    [property: MaxLength(1000)] string? Description = null,
    [property: MaxLength(64)] string? Id = null,
    [property: MaxLength(50)] RuleRequest[]? Rules = null,
    CampaignEarlyAccess? EarlyAccess = null);

/// <summary>Early access: the campaign's rules already count for members of these tiers from this time, for everyone else from startsAt.</summary>
/// <param name="StartsAt">When the campaign opens for these tiers (UTC): before the campaign's startsAt.</param>
/// <param name="Tiers">Tier ids of the program's ladder (1 to 20), e.g. gold and platinum.</param>
public sealed record CampaignEarlyAccess(DateTime? StartsAt, [property: MaxLength(20)] string[]? Tiers);

public sealed record CampaignView(
    string Id,
    string Name,
    string? Description,
    DateTime StartsAt,
    DateTime EndsAt,
    [property: AllowedValues(RuleStatus.Draft, RuleStatus.Active, RuleStatus.Inactive)] string Status,
    bool InForce,
    IReadOnlyList<RuleView> Rules,
    CampaignEarlyAccess? EarlyAccess,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string UpdatedBy);

/// <summary>What if: a rule or campaign run against the real transactions (and member events) of the last days.</summary>
/// <param name="Definition">For POST /v1/admin/rules/simulate: the draft rule to try, not saved.</param>
/// <param name="Days">How many days back, 1 to 365; 30 when left out.</param>
public sealed record SimulationRequest([property: Range(1, 365)] int? Days = null, RuleDefinition? Definition = null);

/// <param name="Points">What the rule itself would have given; its share of the extra cost.</param>
/// <param name="StoppedBecause">When a cap or the budget would have stopped it, on the first transaction where it did.</param>
public sealed record SimulatedRuleView(
    string Rule, string Name, int Transactions, int Members, long Points,
    [property: JsonConverter(typeof(MoneyJson))] decimal Cashback,
    string? StoppedBecause);

/// <param name="MembersReached">Members who would have got something from the simulated rules.</param>
/// <param name="ExtraPoints">Points the program would have given on top of what it gave (negative when an exclusive rule displaces others).</param>
/// <param name="ExtraCost">The extra points at the program's point value: the added liability, in the program's currency.</param>
/// <param name="Truncated">True when the period held more transactions than one simulation reads; the figures cover the oldest ones, up to the limit.</param>
/// <param name="Days">Day by day (the program's local days), the transactions the simulated rules changed and the extra points they gave.</param>
public sealed record SimulationView(
    DateTime From,
    DateTime To,
    int TransactionsScanned,
    int EventsScanned,
    int TransactionsAffected,
    int MembersReached,
    long ExtraPoints,
    [property: JsonConverter(typeof(MoneyJson))] decimal ExtraCost,
    [property: JsonConverter(typeof(MoneyJson))] decimal Cashback,
    string Currency,
    IReadOnlyList<SimulatedRuleView> Rules,
    bool Truncated,
    IReadOnlyList<SimulatedDay> Days);

/// <summary>One day of a simulation: the transactions (and events) the simulated rules changed, and the extra points they gave.</summary>
public sealed record SimulatedDay(DateOnly Date, int Transactions, long ExtraPoints);

public sealed record AuditEntryView(long Id, DateTime At, string Actor, string Action, string TargetType, string TargetId, System.Text.Json.JsonElement? Details);

/// <summary>An action that is not a purchase: newsletter_opt_in, profile_completed, product_review, survey_answered, app_installed, social_share, or a custom type.</summary>
/// <param name="Type">Letters, digits, '_', '.' and '-'; rules name it as their eventType.</param>
/// <param name="ExternalId">The integration's id for the action (e.g. the review's id): with the member and the type, an idempotency key.</param>
/// <param name="OccurredAt">When it happened (UTC); defaults to now.</param>
public sealed record MemberEventRequest([property: MaxLength(64)] string? Type, [property: MaxLength(100)] string? ExternalId = null, DateTime? OccurredAt = null);

/// <param name="Tier">When the points of this action took the member to another tier.</param>
public sealed record MemberEventView(
    string Id,
    string MemberId,
    string Type,
    string? ExternalId,
    DateTime OccurredAt,
    long Points,
    IReadOnlyList<Transactions.EarnRuleView> Breakdown,
    Transactions.BalanceView Balance,
    Tiers.TierMoveView? Tier = null);
