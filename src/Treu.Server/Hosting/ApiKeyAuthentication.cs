using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Hosting;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>, or a member session's access token (<see cref="MemberSessions.MemberTokens"/>).
/// Both are long random secrets, so a plain SHA-256 is the right hash; look-ups are cached for a few seconds to keep the
/// database off the hot path.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IMemoryCache cache,
    IProblemDetailsService problems,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public static void Forget(IMemoryCache cache, string secretHash) => cache.Remove(("api_key", secretHash));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 300)
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <api key>'.");
        }

        var secret = header[7..].Trim();
        var hash = ApiKeySecrets.Hash(secret);
        var caller = MemberSessions.MemberTokens.IsAccessToken(secret)
            ? await MemberSessions.MemberTokens.CallerAsync(Context, cache, hash, clock)
            : await KeyCallerAsync(hash);
        if (caller is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key, or an expired or ended member session.");
        }

        Context.Items[typeof(Caller)] = caller;
        var identity = new ClaimsIdentity([new Claim("scope", caller.Scope), new Claim("key", caller.ApiKeyId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<Caller?> KeyCallerAsync(string hash) =>
        await cache.GetOrCreateAsync(("api_key", hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var db = Context.RequestServices.GetRequiredService<TreuDbContext>();
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash && k.RevokedAt == null);
            return key is null ? null : new Caller(key.Id, key.ProgramId, key.Scope, key.StoreId);
        });

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Write(401, "unauthenticated", "Send a valid API key, or a member session's access token, as 'Authorization: Bearer <key>'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Write(403, "forbidden_scope", Context.User.FindFirst("scope")?.Value is Scopes.Member
            ? "A member session reaches the member's own data only, and not through this endpoint."
            : $"This API key's scope ({Context.User.FindFirst("scope")?.Value}) may not call this endpoint.");

    private async Task Write(int status, string code, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = status,
                Title = code == "unauthenticated" ? "Unauthenticated" : "Forbidden scope",
                Detail = detail,
                Type = $"https://treu.dev/problems/{code.Replace('_', '-')}",
                Extensions = { ["code"] = code },
            },
        });
    }
}
