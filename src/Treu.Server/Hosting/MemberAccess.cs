using Treu.Domain.Members;

namespace Treu.Server.Hosting;

/// <summary>
/// Opens an endpoint to a member session as well as to keys of the given scopes. A member reaches their own data only:
/// the member named by the route's <c>{id}</c> must be the session's, and any other member is answered as if it did not
/// exist (404 <c>member_not_found</c>), so a session cannot even learn which ids are taken.
/// </summary>
public static class MemberAccess
{
    public static TBuilder RequireScopesOrTheMember<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScopes([.. scopes, Scopes.Member]).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var id = http.Request.RouteValues["id"] as string
                ?? throw new InvalidOperationException($"{http.Request.Path}: an endpoint open to the member names the member as {{id}}.");
            return http.Caller().MayReach(id) ? await next(context) : Problems.For(MemberErrors.NoSuchMember(id));
        });

    /// <summary>
    /// Opens an endpoint whose body, not its route, names the member (a transfer's <c>fromMemberId</c>): its use case must
    /// check <see cref="Caller.MayReach"/> itself.
    /// </summary>
    public static TBuilder RequireScopesOrTheMemberInTheBody<TBuilder>(this TBuilder builder, params string[] scopes) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireScopes([.. scopes, Scopes.Member]);
}
