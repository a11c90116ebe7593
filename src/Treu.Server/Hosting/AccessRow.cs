namespace Treu.Server.Hosting;

/// <summary>
/// One row of the authorisation matrix: the status a well-formed request to this endpoint gets with a key of each
/// scope, and with no key. Declared beside each endpoint, independently of <see cref="CallerExtensions.RequireScopes"/>,
/// so that a changed scope shows up as a disagreement; the authorisation matrix test checks every row against the app.
/// <paramref name="Member"/> is what a member session gets when the request is about <em>another</em> member (404 where
/// the endpoint opens to the member, as if that member did not exist) or the endpoint is not for members (403).
/// </summary>
public sealed record AccessRow(int Pos, int Ecommerce, int App, int Admin, int None, int Member)
{
    public int StatusFor(string? scope) => scope switch
    {
        null => None,
        Scopes.Pos => Pos,
        Scopes.Ecommerce => Ecommerce,
        Scopes.App => App,
        Scopes.Admin => Admin,
        Scopes.Member => Member,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a scope."),
    };
}
