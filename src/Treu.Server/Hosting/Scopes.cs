namespace Treu.Server.Hosting;

public static class Scopes
{
    public const string Pos = "pos";
    public const string Ecommerce = "ecommerce";
    public const string App = "app";
    public const string Admin = "admin";

    /// <summary>A member session (no key): the member's own data, on the endpoints that open to it (<see cref="MemberAccess"/>).</summary>
    public const string Member = "member";

    public static readonly string[] All = [Pos, Ecommerce, App, Admin];

    /// <summary>Who records purchases and returns: the tills, the webshop, and an administrator.</summary>
    public static readonly string[] Checkout = [Pos, Ecommerce, Admin];

    /// <summary>The channel a key's calls come through, unless an admin names another.</summary>
    public static string ChannelOf(string scope) => scope switch
    {
        Pos => "store",
        Ecommerce => "webshop",
        App or Member => "app",
        _ => "admin",
    };
}
