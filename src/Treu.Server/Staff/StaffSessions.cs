using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Staff;

/// <summary>
/// A person's session in the web faces: a cookie (HttpOnly, SameSite=Strict, so no other site's page can send it) holding
/// the account, its role and its security stamp. Every request checks the stamp against the account (kept for a few
/// seconds), and an open console page every minute: a new stamp (sign-out everywhere, a new password or role, a
/// disabled account) ends the session on every device. API requests carry a key, never the cookie.
/// </summary>
public static class StaffSessions
{
    public const string Scheme = "Staff";

    /// <summary>The default scheme: an API key when the request carries an Authorization header, the staff cookie otherwise.</summary>
    public const string KeyOrCookie = "KeyOrCookie";

    public const string CookieName = "treu.staff";
    public const string SignInPath = "/sign-in";
    public const string DeniedPath = "/denied";

    private static readonly TimeSpan StampCachedFor = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddStaffSessions(this IServiceCollection services)
    {
        services.AddAuthentication(KeyOrCookie)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddPolicyScheme(KeyOrCookie, "API key or staff session", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthentication.SchemeName : Scheme)
            .AddCookie(Scheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.AccessDeniedPath = DeniedPath;
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnValidatePrincipal = ValidateAsync;
            });

        services.AddAuthorizationBuilder().AddStaffPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffSessionRevalidation>();
        services.AddScoped<AddStaffAccount>();
        services.AddScoped<ChangeStaffAccount>();
        services.AddScoped<StaffDirectory>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<StaffTotp>();
        return services;
    }

    private static void AddStaffPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var (permission, roles) in StaffPermissions.Roles)
        {
            authorization.AddPolicy(permission, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireClaim(ClaimTypes.Role, roles));
        }
    }

    public static ClaimsPrincipal PrincipalOf(StaffAccount account) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id),
        new Claim(ClaimTypes.Name, account.DisplayName),
        new Claim(ClaimTypes.Role, account.Role),
        new Claim("program", account.ProgramId),
        new Claim("stamp", account.SecurityStamp),
        .. account.StoreId is { } store ? [new Claim("store", store)] : Array.Empty<Claim>(),
    ], Scheme, ClaimTypes.Name, ClaimTypes.Role));

    /// <summary>The person a principal stands for; null when nobody of staff is signed in.</summary>
    public static StaffPerson? PersonOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme } && user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? new StaffPerson(id, user.FindFirstValue(ClaimTypes.Name) ?? id, user.FindFirstValue(ClaimTypes.Role) ?? "", user.FindFirstValue("store"))
            : null;

    /// <summary>The caller the use cases see for a signed-in person.</summary>
    public static Caller? CallerOf(ClaimsPrincipal user) =>
        PersonOf(user) is { } person && user.FindFirstValue("program") is { } program ? Caller.ForStaff(person, program) : null;

    /// <summary>Forgets the cached stamp of an account, so that this node sees a change at once.</summary>
    public static void Forget(IMemoryCache cache, string accountId) => cache.Remove(("staff_stamp", accountId));

    /// <summary>Whether the session's account still signs in with the stamp the session carries.</summary>
    public static async Task<bool> IsCurrentAsync(IServiceProvider services, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id || user.FindFirstValue("stamp") is not { } stamp)
        {
            return false;
        }

        var cache = services.GetRequiredService<IMemoryCache>();
        var current = await cache.GetOrCreateAsync(("staff_stamp", id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = StampCachedFor;
            var db = services.GetRequiredService<TreuDbContext>();
            return await db.StaffAccounts.AsNoTracking().Where(s => s.Id == id && s.DisabledAt == null).Select(s => s.SecurityStamp).FirstOrDefaultAsync(ct);
        });
        return current == stamp;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await IsCurrentAsync(context.HttpContext.RequestServices, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
