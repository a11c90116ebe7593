namespace Treu.Server.Tiers;

/// <summary>What caused a tier change, as the history and the event name it.</summary>
public static class TierCauses
{
    public const string Purchase = "purchase";
    public const string Return = "return";
    public const string Event = "event";
    public const string Adjustment = "adjustment";
    public const string Review = "review";
    public const string Admin = "admin";
    public const string Import = "import";
}
