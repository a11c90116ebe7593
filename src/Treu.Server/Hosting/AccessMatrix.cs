namespace Treu.Server.Hosting;

public static class AccessMatrix
{
    private const int Forbidden = StatusCodes.Status403Forbidden;

    /// <summary>
    /// The row of this endpoint; without a key the answer is 401 unless <paramref name="none"/> says otherwise, and a member
    /// session gets 403 unless <paramref name="member"/> says what it gets for another member's data (<see cref="AccessRow"/>).
    /// </summary>
    public static TBuilder Access<TBuilder>(this TBuilder builder, int pos, int ecommerce, int app, int admin, int none = StatusCodes.Status401Unauthorized,
        int member = Forbidden)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRow(pos, ecommerce, app, admin, none, member));

    /// <summary>Every key scope gets <paramref name="status"/>; a member session 403 unless <paramref name="member"/> says otherwise.</summary>
    public static TBuilder AccessForAll<TBuilder>(this TBuilder builder, int status, int member = Forbidden) where TBuilder : IEndpointConventionBuilder =>
        builder.Access(status, status, status, status, member: member);

    /// <summary>An admin key gets <paramref name="status"/>; every other scope 403.</summary>
    public static TBuilder AccessForAdmin<TBuilder>(this TBuilder builder, int status) where TBuilder : IEndpointConventionBuilder =>
        builder.Access(Forbidden, Forbidden, Forbidden, status);

    /// <summary>Open to anyone, key or not (health checks, the API reference).</summary>
    public static TBuilder AccessForAnyone<TBuilder>(this TBuilder builder, int status) where TBuilder : IEndpointConventionBuilder =>
        builder.Access(status, status, status, status, status, status);

    /// <summary>
    /// Whether the endpoint belongs to the API (and the matrix) rather than to a web face, whose pages are authorised by the
    /// signed-in person's role (<see cref="Web.WebFace"/>).
    /// </summary>
    public static bool IsApi(Endpoint endpoint) => endpoint.Metadata.GetMetadata<Web.WebFace>() is null && !IsStaticFileFallback(endpoint);

    /// <summary>
    /// The fallback MapStaticAssets adds in development, serving web files changed since the build; it takes none of the
    /// conventions (such as <see cref="Web.WebFace"/>) given to MapStaticAssets.
    /// </summary>
    private static bool IsStaticFileFallback(Endpoint endpoint) =>
        endpoint is RouteEndpoint { RoutePattern.RawText: "{**path:file}" } && endpoint.DisplayName?.StartsWith("Fallback", StringComparison.Ordinal) == true;

    /// <summary>Name of an endpoint as the matrix and its test speak of it: <c>POST /v1/members/{id}/events</c>.</summary>
    public static string NameOf(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";

    /// <summary>
    /// Refuses to start an app with an endpoint that has no row in the matrix: whoever adds an endpoint decides,
    /// there and then, who may call it.
    /// </summary>
    public static void RequireRowForEveryEndpoint(IEndpointRouteBuilder app)
    {
        var missing = app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => IsApi(e) && e.Metadata.GetMetadata<AccessRow>() is null)
            .Select(NameOf)
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Endpoints without a row in the authorisation matrix (add .Access(…) beside them): {string.Join("; ", missing)}");
        }
    }
}
