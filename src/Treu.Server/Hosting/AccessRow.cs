namespace Treu.Server.Hosting;

/// <summary>
/// One row of the authorisation matrix: the status a well-formed request to this endpoint gets with a key of each
/// scope, and with no key. Declared beside each endpoint, independently of <see cref="CallerExtensions.RequireScopes"/>,
/// so that a changed scope shows up as a disagreement; the authorisation matrix test checks every row against the app.
/// </summary>
public sealed record AccessRow(int Pos, int Ecommerce, int App, int Admin, int None)
{
    public int StatusFor(string? scope) => scope switch
    {
        null => None,
        Scopes.Pos => Pos,
        Scopes.Ecommerce => Ecommerce,
        Scopes.App => App,
        Scopes.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Not a scope."),
    };
}
