using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Admin;

/// <summary>
/// An owner's API keys, from the API and from the console alike: a new key (its secret shown once, only its hash kept), the
/// list (never a secret), and revocation, which a node's cache of keys forgets at once. Both writes go to the audit trail.
/// </summary>
public sealed class ApiKeyAdmin(TreuDbContext db, AuditTrail audit, IMemoryCache cache, TimeProvider clock)
{
    public sealed record Order(Caller Caller, string Name, string Scope, string? StoreId);

    public static Result<Order> Check(Caller caller, CreateApiKeyRequest body)
    {
        var check = new Validation().Require("name", body.Name, 100).Require("scope", body.Scope, 20).MaxLength("storeId", body.StoreId, 64);
        if (body.Scope is not null && !Scopes.All.Contains(body.Scope))
        {
            check.Add("scope", $"must be one of {string.Join(", ", Scopes.All)}");
        }

        return check.ToFailure() is { } invalid
            ? invalid
            : new Order(caller, body.Name!.Trim(), body.Scope!, string.IsNullOrWhiteSpace(body.StoreId) ? null : body.StoreId.Trim());
    }

    public Task<Result<CreatedApiKeyView>> CreateAsync(Order order, CancellationToken ct)
    {
        var secret = ApiKeySecrets.New();
        var key = new ApiKey
        {
            Id = Ids.New("key"),
            ProgramId = order.Caller.ProgramId,
            Name = order.Name,
            Scope = order.Scope,
            StoreId = order.StoreId,
            Prefix = ApiKeySecrets.PrefixOf(secret),
            SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime),
            CreatedBy = order.Caller.Actor,
        };
        db.ApiKeys.Add(key);
        audit.Record(order.Caller, "api_key.created", "api_key", key.Id, new { key.Name, key.Scope, key.StoreId, key.Prefix });
        return Task.FromResult<Result<CreatedApiKeyView>>(new CreatedApiKeyView(key.Id, secret, key.Name, key.Scope, key.StoreId, key.Prefix, key.CreatedAt));
    }

    /// <summary>The program's keys, oldest first, without their secrets.</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string programId, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.ProgramId == programId).OrderBy(k => k.CreatedAt).Take(1000)
            .Select(k => new ApiKeyView(k.Id, k.Name, k.Scope, k.StoreId, k.Prefix, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);

    /// <summary>Revokes a key; a key revoked before stays as it was.</summary>
    public async Task<Result<ApiKeyView>> RevokeAsync(Caller caller, string id, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.ProgramId == caller.ProgramId && k.Id == id, ct);
        if (key is null)
        {
            return AdminErrors.ApiKeyNotFound.With("No such API key in this program.");
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = Clock.ToStoredPrecision(clock.GetUtcNow().UtcDateTime);
            audit.Record(caller, "api_key.revoked", "api_key", key.Id, new { key.Name, key.Scope, key.Prefix });
        }

        // Other nodes keep a key for a few seconds at most; this one stops accepting it now.
        ApiKeyAuthentication.Forget(cache, key.SecretHash);
        return new ApiKeyView(key.Id, key.Name, key.Scope, key.StoreId, key.Prefix, key.CreatedAt, key.RevokedAt);
    }
}
