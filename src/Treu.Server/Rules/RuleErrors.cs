using Treu.Domain.Common;

namespace Treu.Server.Rules;

public static class RuleErrors
{
    public static readonly ErrorCode RuleNotFound = new("rule_not_found", FailureKind.NotFound);
    public static readonly ErrorCode RuleExists = new("rule_exists", FailureKind.Conflict);
    public static readonly ErrorCode TooManyRules = new("too_many_rules", FailureKind.Refused);
    public static readonly ErrorCode CampaignNotFound = new("campaign_not_found", FailureKind.NotFound);

    /// <summary>A rule names a campaign the program does not have (a field of the rule, not the resource asked for).</summary>
    public static readonly ErrorCode UnknownCampaign = new("unknown_campaign", FailureKind.Refused);
    public static readonly ErrorCode CampaignExists = new("campaign_exists", FailureKind.Conflict);
    /// <summary>base_rate is the program's own earn rate, not a rule to edit.</summary>
    public static readonly ErrorCode BuiltInRule = new("built_in_rule", FailureKind.Refused);
    public static readonly ErrorCode CampaignEmpty = new("campaign_empty", FailureKind.Refused);
}
