using Microsoft.AspNetCore.Authorization;

namespace Treu.Server.Hosting;

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext http) =>
        http.Items[typeof(Caller)] as Caller ?? throw new InvalidOperationException("Endpoint reached without an authenticated API key.");

    /// <summary>Only these scopes may call the endpoint; others get 403, no key 401 (both as problem details).</summary>
    public static TBuilder RequireScopes<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireClaim("scope", scopes).Build());
}
