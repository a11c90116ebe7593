namespace Treu.Server.Rules;

public static class RuleStatus
{
    public const string Draft = "draft";
    public const string Active = "active";
    public const string Inactive = "inactive";
}
