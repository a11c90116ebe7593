namespace Treu.Server.Rules;

public static class RuleStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Inactive = "inactive";
}

/// <summary>An earning rule as stored: its current version and status. Every version's definition is kept in <see cref="EarningRuleVersion"/>.</summary>
public sealed class EarningRule
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public int Version { get; set; }
    public required string Status { get; set; }
    public required string Name { get; set; }

    /// <summary>The campaign the rule belongs to: in force only while the campaign is active and within its window.</summary>
    public string? CampaignId { get; set; }

    /// <summary>The current version's definition, as JSON.</summary>
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>One version of a rule, never changed: purchases keep the version they were computed with.</summary>
public sealed class EarningRuleVersion
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public int Version { get; set; }
    public required string Definition { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>What a capped rule gave a member on one day: the caps per member and period are sums of these.</summary>
public sealed class RuleAward
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public required string MemberId { get; set; }
    public DateOnly Day { get; set; }
    public long Points { get; set; }
    public int Times { get; set; }
}

/// <summary>What a rule with a budget has given in total; its row is locked while a purchase spends from it.</summary>
public sealed class RuleBudget
{
    public required string ProgramId { get; set; }
    public required string RuleId { get; set; }
    public long Points { get; set; }
}

/// <summary>Who changed what, when: every change to rules (and later campaigns, tiers …).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public required string ProgramId { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string TargetType { get; set; }
    public required string TargetId { get; set; }
    public string? Details { get; set; }
}

/// <summary>A time-boxed set of rules ("double points weekend"), switched on and off together.</summary>
public sealed class Campaign
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public required string Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
}

/// <summary>An action that is not a purchase (newsletter opt-in, review …), sent by an integration, with what it earned.</summary>
public sealed class MemberEvent
{
    public required string Id { get; set; }
    public required string ProgramId { get; set; }
    public required string MemberId { get; set; }
    public required string Type { get; set; }
    public string? ExternalId { get; set; }
    public required string Channel { get; set; }
    public DateTime OccurredAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public long Points { get; set; }

    /// <summary>How the points were computed (JSON), like a purchase's breakdown.</summary>
    public string Breakdown { get; set; } = "[]";
}
