using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.MemberSessions;

/// <summary>
/// Makes, reads and ends member sessions. Tokens are opaque random secrets (not signed claims), so that ending a
/// session takes effect at once on this node and within the cache's five seconds on the others, as for API keys.
/// </summary>
public sealed class MemberTokens(TreuDbContext db, IMemoryCache cache, IOptions<TreuOptions> options, TimeProvider clock)
{
    private const string AccessPrefix = "tma_";
    private const string RefreshPrefix = "tmr_";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    public static bool IsAccessToken(string secret) => secret.StartsWith(AccessPrefix, StringComparison.Ordinal);

    /// <summary>The caller an access token stands for, or null when it is unknown, expired or its session ended.</summary>
    public static async Task<Caller?> CallerAsync(HttpContext http, IMemoryCache cache, string hash, TimeProvider clock)
    {
        var session = await cache.GetOrCreateAsync(("member_session", hash), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var db = http.RequestServices.GetRequiredService<TreuDbContext>();
            return await db.MemberSessions.AsNoTracking().Where(s => s.AccessHash == hash && s.RevokedAt == null)
                .Select(s => new { s.Id, s.ProgramId, s.MemberId, s.AccessExpiresAt }).SingleOrDefaultAsync();
        });
        return session is not null && session.AccessExpiresAt > clock.GetUtcNow().UtcDateTime
            ? Caller.ForMember(session.Id, session.ProgramId, session.MemberId)
            : null;
    }

    /// <summary>A new session for the member, added to the context for the caller's save.</summary>
    public MemberSessionView Open(string programId, string memberId, string createdBy)
    {
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var (access, refresh) = (AccessPrefix + Ids.Random(40), RefreshPrefix + Ids.Random(40));
        var session = new MemberSession
        {
            Id = Ids.New("mss"),
            ProgramId = programId,
            MemberId = memberId,
            AccessHash = ApiKeySecrets.Hash(access),
            RefreshHash = ApiKeySecrets.Hash(refresh),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        Renew(session, now);
        db.MemberSessions.Add(session);
        return View(session, access, refresh);
    }

    /// <summary>Exchanges a refresh token for a new pair; the old refresh token is spent, even by a request racing this one.</summary>
    public async Task<Result<MemberSessionView>> RefreshAsync(string refreshToken, CancellationToken ct)
    {
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var hash = ApiKeySecrets.Hash(refreshToken);
        var session = await db.MemberSessions.AsNoTracking()
            .SingleOrDefaultAsync(s => s.RefreshHash == hash && s.RevokedAt == null && s.RefreshExpiresAt > now, ct);
        if (session is null)
        {
            return MemberSessionErrors.SessionEnded.With("The refresh token is unknown, used, expired, or its session was ended: sign in again.", "refreshToken");
        }

        var oldAccess = session.AccessHash;
        var (access, refresh) = (AccessPrefix + Ids.Random(40), RefreshPrefix + Ids.Random(40));
        session.AccessHash = ApiKeySecrets.Hash(access);
        session.RefreshHash = ApiKeySecrets.Hash(refresh);
        Renew(session, now);
        // Compare-and-set on the old refresh hash: of two refreshes with one token, on any nodes, one wins.
        var changed = await db.MemberSessions.Where(s => s.Id == session.Id && s.RefreshHash == hash && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.AccessHash, session.AccessHash).SetProperty(s => s.RefreshHash, session.RefreshHash)
                .SetProperty(s => s.AccessExpiresAt, session.AccessExpiresAt).SetProperty(s => s.RefreshExpiresAt, session.RefreshExpiresAt), ct);
        if (changed == 0)
        {
            return MemberSessionErrors.SessionEnded.With("The refresh token was used already: sign in again.", "refreshToken");
        }

        cache.Remove(("member_session", oldAccess));
        return View(session, access, refresh);
    }

    /// <summary>Ends the member's sessions (all, or the one given): their tokens stop working on this node at once.</summary>
    public async Task<int> EndAsync(string programId, string memberId, string? sessionId, CancellationToken ct)
    {
        var now = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
        var open = db.MemberSessions.Where(s => s.ProgramId == programId && s.MemberId == memberId && s.RevokedAt == null && (sessionId == null || s.Id == sessionId));
        var hashes = await open.Select(s => s.AccessHash).ToListAsync(ct);
        var ended = await open.ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now), ct);
        foreach (var hash in hashes)
        {
            cache.Remove(("member_session", hash));
        }

        return ended;
    }

    private void Renew(MemberSession session, DateTime now)
    {
        var lifetimes = options.Value.MemberSessions;
        session.AccessExpiresAt = now + lifetimes.AccessTokenLifetime;
        session.RefreshExpiresAt = now + lifetimes.RefreshTokenLifetime;
    }

    private static MemberSessionView View(MemberSession session, string access, string refresh) =>
        new(session.Id, session.MemberId, "Bearer", access, session.AccessExpiresAt, refresh, session.RefreshExpiresAt);
}
