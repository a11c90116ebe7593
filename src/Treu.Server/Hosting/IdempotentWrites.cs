using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Storage;

namespace Treu.Server.Hosting;

/// <summary>
/// Every write of the API goes through here: replays the kept answer for a repeated key (byte for byte, no second effect),
/// refuses a reused key with another body (422), answers a duplicate still in flight with a retryable 409, and otherwise
/// runs the use case in one transaction that also keeps the answer: a shared commit for the ledger's hot path
/// (<see cref="CreateSharedAsync{T}"/>), a transaction of its own for the rest.
/// </summary>
public sealed class IdempotentWrites(MemberLedgerStore store, WriteTransaction tx, InFlightWrites inFlight, TimeProvider clock,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Header keys are kept this long (the brief asks for at least 24 hours).</summary>
    public static readonly TimeSpan HeaderKeyRetention = TimeSpan.FromHours(48);

    /// <summary>
    /// A use case that creates something (201) and may share its commit with concurrent writes: the ledger's hot path
    /// (purchases, returns, events, adjustments, transfers, enrolments).
    /// </summary>
    /// <param name="naturalKeys">Keys the request carries in its body (a receipt id), kept beside an Idempotency-Key header.</param>
    public Task<Results<KeptCreated<T>, ProblemHttpResult>> CreateSharedAsync<T>(HttpContext http, object request, IReadOnlyList<IdempotencyKey> naturalKeys,
        CommitGroup group, Func<CancellationToken, Task<Result<T>>> work) =>
        RunAsync<KeptCreated<T>, T>(http, request, naturalKeys, group, work);

    /// <summary>A use case that changes something (200) and may share its commit with concurrent writes of the ledger (a voucher cancelled, its points given back).</summary>
    public Task<Results<KeptOk<T>, ProblemHttpResult>> ChangeSharedAsync<T>(HttpContext http, object request, IReadOnlyList<IdempotencyKey> naturalKeys,
        CommitGroup group, Func<CancellationToken, Task<Result<T>>> work) =>
        RunAsync<KeptOk<T>, T>(http, request, naturalKeys, group, work);

    /// <summary>A use case that creates something (201), in a transaction of its own (administration: rules, campaigns …).</summary>
    public Task<Results<KeptCreated<T>, ProblemHttpResult>> CreateAsync<T>(HttpContext http, object request, IReadOnlyList<IdempotencyKey> naturalKeys,
        Func<CancellationToken, Task<Result<T>>> work) =>
        RunAsync<KeptCreated<T>, T>(http, request, naturalKeys, null, work);

    /// <summary>A use case that changes something (200), in a transaction of its own (a profile, a rule's status …).</summary>
    public Task<Results<KeptOk<T>, ProblemHttpResult>> ChangeAsync<T>(HttpContext http, object request, IReadOnlyList<IdempotencyKey> naturalKeys,
        Func<CancellationToken, Task<Result<T>>> work) =>
        RunAsync<KeptOk<T>, T>(http, request, naturalKeys, null, work);

    private async Task<Results<TAnswer, ProblemHttpResult>> RunAsync<TAnswer, T>(HttpContext http, object request, IReadOnlyList<IdempotencyKey> naturalKeys,
        CommitGroup? group, Func<CancellationToken, Task<Result<T>>> work) where TAnswer : KeptAnswer, IKept<TAnswer>
    {
        var caller = http.Caller();
        var ct = http.RequestAborted;
        var keys = naturalKeys.ToList();
        if (http.Request.Headers.TryGetValue(Header, out var header))
        {
            var value = header.ToString();
            if (value.Length is 0 or > 255 || value.Any(c => c < 0x21 || c > 0x7e))
            {
                return Problems.For(CommonErrors.ValidationFailed.With("Idempotency-Key must be 1 to 255 printable ASCII characters without spaces.", Header));
            }

            keys.Add(new IdempotencyKey($"header:{caller.ApiKeyId}", value, false, $"Idempotency-Key '{value}'"));
        }

        var requestHash = Hash(http, request);
        // On PostgreSQL a write that may share a commit looks its keys up in the batch, with those of the batch's other
        // writes, in one statement; on SQLite the look-up stays out here, outside the one write lane.
        var answers = keys.Select(k => new AnswerKey(caller.ProgramId, k.Scope, k.Key)).ToList();
        var inBatch = group is not null && answers.Count > 0 && store.KeptAnswersReadInBatch;
        if (!inBatch && await ReplayKeptAsync<TAnswer>(http, caller.ProgramId, keys, requestHash, ct) is { } kept)
        {
            return kept;
        }

        var claimed = new List<string>();
        try
        {
            foreach (var id in keys.Select(k => $"{caller.ProgramId}|{k.Scope}|{k.Key}"))
            {
                if (!inFlight.Keys.TryAdd(id, 0))
                {
                    // Not looked up yet: a request sent again while the same key is in flight may have an answer kept.
                    if (inBatch && await ReplayKeptAsync<TAnswer>(http, caller.ProgramId, keys, requestHash, ct) is { } keptMeanwhile)
                    {
                        return keptMeanwhile;
                    }

                    http.Response.Headers.RetryAfter = "1";
                    return Problems.For(IdempotencyErrors.InProgress.With("A request with the same key is still being processed. Retry after 1 s with the same key."));
                }

                claimed.Add(id);
            }

            string body = "";
            Result<T> outcome;
            try
            {
                async Task<Result<T>> KeptWork(CancellationToken token)
                {
                    if (inBatch && (await store.KeptAsync(answers, token)).Count > 0)
                    {
                        return AlreadyKept;
                    }

                    var result = await work(token);
                    if (result.Succeeded)
                    {
                        body = JsonSerializer.Serialize(result.Value, result.Value?.GetType() ?? typeof(T), json.Value.SerializerOptions);
                        Keep(caller.ProgramId, keys, requestHash, TAnswer.Status, body);
                    }

                    return result;
                }

                outcome = group is { } shared
                    ? await tx.RunSharedAsync(inBatch ? shared with { Answers = answers } : shared, KeptWork, result => result.Succeeded, ct)
                    : await tx.RunAloneAsync(KeptWork, result => result.Succeeded, ct);
            }
            catch (DbUpdateException e) when (WriteTransaction.IsUniqueViolation(e))
            {
                // Another node committed the same key between our look-up and our commit: its answer stands.
                return await ReplayKeptAsync<TAnswer>(http, caller.ProgramId, keys, requestHash, ct) ?? Retry(http);
            }

            if (outcome.Failure == AlreadyKept)
            {
                // Found in the batch's look-up; gone again only if the key expired and was cleared in between.
                return await ReplayKeptAsync<TAnswer>(http, caller.ProgramId, keys, requestHash, ct) ?? Retry(http);
            }

            if (outcome.Failure is { } failure)
            {
                // A refusal may come from the first attempt of this very request, committed meanwhile by another node
                // (it spent the points this retry wanted): then that attempt's answer is the answer.
                return await ReplayKeptAsync<TAnswer>(http, caller.ProgramId, keys, requestHash, ct) ?? (Results<TAnswer, ProblemHttpResult>)Problems.For(failure);
            }

            return TAnswer.From(body, replayed: false);
        }
        finally
        {
            foreach (var id in claimed)
            {
                inFlight.Keys.TryRemove(id, out _);
            }
        }
    }

    private static ProblemHttpResult Retry(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Problems.For(IdempotencyErrors.ConcurrentConflict.With("The request collided with a concurrent change to the same data. Retry it."));
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
            store.Insert(new IdempotencyRecord
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

    /// <summary>What a write answers when an answer is kept under one of its keys: it changes nothing, and the kept answer is replayed.</summary>
    private static readonly Failure AlreadyKept = new ErrorCode("idempotency_kept", FailureKind.Conflict).With("An answer is kept for this request's key.");

    /// <summary>The kept answer for one of the keys, replayed (or refused if the key came with another request); null when none is kept.</summary>
    private async Task<Results<TAnswer, ProblemHttpResult>?> ReplayKeptAsync<TAnswer>(HttpContext http, string programId, List<IdempotencyKey> keys, string requestHash,
        CancellationToken ct) where TAnswer : KeptAnswer, IKept<TAnswer>
    {
        if (keys.Count == 0)
        {
            return null;
        }

        var found = await store.KeptAsync(keys.Select(k => new AnswerKey(programId, k.Scope, k.Key)).ToList(), ct);
        foreach (var key in keys)
        {
            if (found.FirstOrDefault(r => r.Scope == key.Scope && r.Key == key.Key) is not { } record)
            {
                continue;
            }

            if (record.RequestHash != requestHash)
            {
                var reused = key.Scope.StartsWith("header:", StringComparison.Ordinal) ? IdempotencyErrors.KeyReused : IdempotencyErrors.ExternalIdReused;
                return Problems.For(reused.With(
                    $"{key.Describe} was already used on {record.CreatedAt:O} for a different request. "
                    + "Use a new key for a new request, or resend the original request unchanged."));
            }

            // The same request carries the key its answer is stored under, and that key is kept at least as long as this one.
            var body = record.ResponseBody.Length > 0 ? record.ResponseBody
                : found.FirstOrDefault(r => r.ResponseBody.Length > 0 && r.RequestHash == record.RequestHash)?.ResponseBody
                ?? throw new InvalidOperationException($"The kept answer for {key.Describe} is missing.");
            return TAnswer.From(body, replayed: true);
        }

        return null;
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
