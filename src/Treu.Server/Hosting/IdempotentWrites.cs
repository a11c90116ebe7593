using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Storage;

namespace Treu.Server.Hosting;

/// <summary>What a write handler decided: a response to send (and to keep for retries), or a named failure that changed nothing.</summary>
public sealed record Outcome(int Status, object? Body, Failure? Failure)
{
    public static Outcome Ok(object body) => new(StatusCodes.Status200OK, body, null);

    public static Outcome Created(object body) => new(StatusCodes.Status201Created, body, null);

    public static implicit operator Outcome(Failure failure) => new(0, null, failure);
}

/// <summary>A key under which a write's answer is kept: a client's Idempotency-Key, or a natural key such as a receipt id.</summary>
public sealed record IdempotencyKey(string Scope, string Key, bool KeepForever, string Describe);

/// <summary>
/// Every write goes through here: replays the kept answer for a repeated key (byte for byte, no second effect),
/// refuses a reused key with another body (422), answers a duplicate still in flight with a retryable 409, and
/// otherwise runs the work in one transaction that also stores the answer.
/// </summary>
public sealed class IdempotentWrites(TreuDbContext db, WriteTransaction tx, InFlightWrites inFlight, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Header keys are kept this long (the brief asks for at least 24 hours).</summary>
    public static readonly TimeSpan HeaderKeyRetention = TimeSpan.FromHours(48);

    /// <param name="group">When set, the write may share its commit with concurrent ones (the hot path: purchases, returns, events …).</param>
    public async Task<IResult> RunAsync(HttpContext http, object request, IEnumerable<IdempotencyKey> naturalKeys, Func<CancellationToken, Task<Outcome>> work,
        CommitGroup? group = null)
    {
        var caller = http.Caller();
        var ct = http.RequestAborted;
        var keys = naturalKeys.ToList();
        if (http.Request.Headers.TryGetValue(Header, out var header))
        {
            var value = header.ToString();
            if (value.Length is 0 or > 255 || value.Any(c => c < 0x21 || c > 0x7e))
            {
                return Problems.Result(400, "validation_failed", "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.",
                    new Dictionary<string, string[]> { [Header] = ["must be 1 to 255 printable ASCII characters"] });
            }

            keys.Add(new IdempotencyKey($"header:{caller.ApiKeyId}", value, false, $"Idempotency-Key '{value}'"));
        }

        var requestHash = Hash(http, request);
        // On PostgreSQL a write that may share a commit looks its keys up in the batch, with those of the batch's other
        // writes, in one statement; on SQLite the look-up stays out here, outside the one write lane.
        var answers = keys.Select(k => new AnswerKey(caller.ProgramId, k.Scope, k.Key)).ToList();
        var inBatch = group is not null && answers.Count > 0 && db.IsPostgres;
        if (!inBatch && await ReplayKeptAsync(http, caller.ProgramId, keys, requestHash, ct) is { } kept)
        {
            return kept;
        }

        var flightIds = keys.Select(k => $"{caller.ProgramId}|{k.Scope}|{k.Key}").ToList();
        var claimed = new List<string>();
        try
        {
            foreach (var id in flightIds)
            {
                if (!inFlight.Keys.TryAdd(id, 0))
                {
                    // Not looked up yet: a request sent again while the same key is in flight may have an answer kept.
                    if ((inBatch ? await ReplayKeptAsync(http, caller.ProgramId, keys, requestHash, ct) : null) is { } replayed)
                    {
                        return replayed;
                    }

                    http.Response.Headers.RetryAfter = "1";
                    return Problems.Result(409, "idempotency_in_progress", "A request with the same key is still being processed. Retry after 1 s with the same key.");
                }

                claimed.Add(id);
            }

            string body = "";
            Outcome outcome;
            try
            {
                async Task<Outcome> KeptWork(CancellationToken token)
                {
                    if (inBatch && await IsKeptAsync(caller.ProgramId, keys, answers, token))
                    {
                        return AlreadyKept;
                    }

                    var result = await work(token);
                    if (result.Failure is null)
                    {
                        body = JsonSerializer.Serialize(result.Body, result.Body?.GetType() ?? typeof(object), json.Value.SerializerOptions);
                        Keep(caller.ProgramId, keys, requestHash, result.Status, body);
                    }

                    return result;
                }

                outcome = await tx.RunAsync(inBatch ? group!.Value with { Answers = answers } : group, KeptWork, result => result.Failure is null, ct);
            }
            catch (DbUpdateException e) when (WriteTransaction.IsUniqueViolation(e))
            {
                // Another node committed the same key between our look-up and our commit: its answer stands.
                return await ReplayKeptAsync(http, caller.ProgramId, keys, requestHash, ct)
                    ?? Problems.For(ConcurrentConflict);
            }

            if (outcome.Failure == AlreadyKept)
            {
                // Found in the batch's look-up; gone again only if the key expired and was cleared in between.
                return await ReplayKeptAsync(http, caller.ProgramId, keys, requestHash, ct)
                    ?? Problems.For(ConcurrentConflict);
            }

            if (outcome.Failure is { } failure)
            {
                // A refusal may come from the first attempt of this very request, committed meanwhile by another node
                // (it spent the points this retry wanted): then that attempt's answer is the answer.
                return await ReplayKeptAsync(http, caller.ProgramId, keys, requestHash, ct) ?? Problems.For(failure);
            }

            return Results.Content(body, "application/json", Encoding.UTF8, outcome.Status);
        }
        finally
        {
            foreach (var id in claimed)
            {
                inFlight.Keys.TryRemove(id, out _);
            }
        }
    }

    /// <summary>
    /// Keeps the answer under each of the request's keys. The body is stored once, under the key kept longest (a receipt id
    /// outlives a header key); the others keep an empty body and find it there: a request that comes again carries all of
    /// its keys, and a key that comes with another request is refused on its hash alone.
    /// </summary>
    private void Keep(string programId, List<IdempotencyKey> keys, string requestHash, int status, string body)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var holder = keys.FirstOrDefault(k => k.KeepForever) ?? keys.FirstOrDefault();
        foreach (var key in keys)
        {
            db.Insert(new IdempotencyRecord
            {
                ProgramId = programId,
                Scope = key.Scope,
                Key = key.Key,
                RequestHash = requestHash,
                StatusCode = status,
                ResponseBody = key == holder ? body : "",
                CreatedAt = now,
                ExpiresAt = key.KeepForever ? null : now + HeaderKeyRetention,
            });
        }
    }

    /// <summary>A kept answer expected but not found: a twin's commit on another node, or a key cleared in between. The client retries.</summary>
    private static readonly Failure ConcurrentConflict = new("concurrent_conflict", "The request collided with a concurrent change to the same data. Retry it.");

    /// <summary>What a write answers when an answer is kept under one of its keys: it changes nothing, and the kept answer is replayed.</summary>
    private static readonly Failure AlreadyKept = new("idempotency_kept", "An answer is kept for this request's key.");

    private async Task<bool> IsKeptAsync(string programId, List<IdempotencyKey> keys, List<AnswerKey> answers, CancellationToken ct) =>
        (db.Batch is { } batch ? await batch.KeptAsync(db, answers, ct) : null) is { } found ? found.Count > 0 : await FindAsync(programId, keys, ct) is not null;

    /// <summary>The kept answer for one of the keys, replayed (or refused if the key came with another request); null when none is kept.</summary>
    private async Task<IResult?> ReplayKeptAsync(HttpContext http, string programId, List<IdempotencyKey> keys, string requestHash, CancellationToken ct) =>
        keys.Count > 0 && await FindAsync(programId, keys, ct) is { } kept ? Replay(http, kept, requestHash) : null;

    private async Task<Kept?> FindAsync(string programId, List<IdempotencyKey> keys, CancellationToken ct)
    {
        var found = new List<IdempotencyRecord>();
        for (var i = 0; i < keys.Count; i += 2)
        {
            var records = i + 1 < keys.Count
                ? TwoKeys.For(db)(db, programId, keys[i].Scope, keys[i].Key, keys[i + 1].Scope, keys[i + 1].Key)
                : OneKey.For(db)(db, programId, keys[i].Scope, keys[i].Key);
            found.AddRange(await records.ToListAsync(ct));
        }

        foreach (var key in keys)
        {
            if (found.FirstOrDefault(r => r.Scope == key.Scope && r.Key == key.Key) is { } record)
            {
                var body = record.ResponseBody.Length > 0 ? record.ResponseBody
                    : found.FirstOrDefault(r => r.ResponseBody.Length > 0 && r.RequestHash == record.RequestHash)?.ResponseBody;
                return new Kept(record, key, body);
            }
        }

        return null;
    }

    /// <summary>A kept record found for one of the request's keys, with the answer's body wherever among the keys it is stored.</summary>
    private sealed record Kept(IdempotencyRecord Record, IdempotencyKey Key, string? Body);

    // A write has at most two keys (its natural key, such as a receipt, and a header key): one round trip, each key an exact
    // primary-key match. Written as "scope IN (…) AND key IN (…)", PostgreSQL scanned every record of the program (4.6 ms a
    // look-up at 7,000 records). Compiled, as every write looks its keys up.
    private static readonly CompiledQuery<Func<TreuDbContext, string, string, string, IAsyncEnumerable<IdempotencyRecord>>> OneKey = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string scope, string key) =>
            db.IdempotencyRecords.AsNoTracking().Where(r => r.ProgramId == programId && r.Scope == scope && r.Key == key)));

    private static readonly CompiledQuery<Func<TreuDbContext, string, string, string, string, string, IAsyncEnumerable<IdempotencyRecord>>> TwoKeys = new(() =>
        EF.CompileAsyncQuery((TreuDbContext db, string programId, string scope0, string key0, string scope1, string key1) =>
            db.IdempotencyRecords.AsNoTracking().Where(r => r.ProgramId == programId && ((r.Scope == scope0 && r.Key == key0) || (r.Scope == scope1 && r.Key == key1)))));

    private static IResult Replay(HttpContext http, Kept kept, string requestHash)
    {
        if (kept.Record.RequestHash != requestHash)
        {
            var code = kept.Key.Scope.StartsWith("header:", StringComparison.Ordinal) ? "idempotency_key_reused" : "external_id_reused";
            return Problems.Result(422, code,
                $"{kept.Key.Describe} was already used on {kept.Record.CreatedAt:O} for a different request. Use a new key for a new request, or resend the original request unchanged.");
        }

        // The same request carries the key its answer is stored under, and that key is kept at least as long as this one.
        var body = kept.Body ?? throw new InvalidOperationException($"The kept answer for {kept.Key.Describe} is missing.");
        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Content(body, "application/json", Encoding.UTF8, kept.Record.StatusCode);
    }

    private string Hash(HttpContext http, object request) => RequestHash(http.Request.Method, http.Request.Path, request, json.Value.SerializerOptions);

    /// <summary>
    /// The hash of the bound request, not of its raw bytes: the same request with other white space or field order is the
    /// same request. SHA-256 of the UTF-8 of "METHOD path", a line feed and the request's JSON, the JSON serialised straight
    /// to UTF-8 (the bytes a serialisation to a string and back would give, so answers kept by earlier versions still match).
    /// </summary>
    internal static string RequestHash(string method, PathString path, object request, JsonSerializerOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(method + " " + path + "\n"));
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), options));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>The keys of the writes this node is running now (one per process: other nodes are caught by the unique keys).</summary>
public sealed class InFlightWrites
{
    public ConcurrentDictionary<string, byte> Keys { get; } = new(StringComparer.Ordinal);
}
