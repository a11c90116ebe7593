using System.Text.Json;

namespace Treu.Invariant.Workload;

public enum OpKind
{
    Enrol,
    Purchase,
    Return,
    Transfer,
    Adjust,
    Event,
}

/// <summary>What the client learnt about an operation, over all its attempts.</summary>
public enum Verdict
{
    /// <summary>Some attempt got a 2xx: the operation must be in the database exactly once.</summary>
    Acked,

    /// <summary>Every attempt got a definite 4xx (or never reached a server): the operation must not be there.</summary>
    Refused,

    /// <summary>Some attempt got no answer (time-out, disconnect, crash, 5xx) and none a 2xx: there at most once.</summary>
    Unknown,
}

public enum AttemptResult
{
    /// <summary>The server answered (any status below 500).</summary>
    Answered,

    /// <summary>The connection was refused: the request never reached a server, so it cannot have had an effect.</summary>
    NotDelivered,

    /// <summary>Sent, but no answer: the client timed out, hung up on purpose, or the server or its connection died.</summary>
    NoAnswer,

    /// <summary>A 5xx: the server may or may not have committed.</summary>
    ServerError,
}

public sealed record Attempt(string Node, AttemptResult Result, int Status, string? Code, bool Replayed, string? Body, string Chaos)
{
    /// <summary>When the answer (or the lack of one) came.</summary>
    public DateTime At { get; } = DateTime.UtcNow;
}

/// <summary>One logical write with its own id, which is also its Idempotency-Key and (where the API has one) its externalId or reason.</summary>
public sealed class Operation
{
    public required string Id { get; init; }
    public required OpKind Kind { get; init; }
    public required string Path { get; init; }
    public required string Body { get; init; }
    public required string ApiKey { get; init; }

    /// <summary>For a return: the purchase it returns from.</summary>
    public string? PurchaseId { get; init; }

    public List<Attempt> Attempts { get; } = [];

    public Attempt? Success => Attempts.FirstOrDefault(a => a is { Result: AttemptResult.Answered, Status: >= 200 and < 300 });

    public Verdict Verdict => Success is not null ? Verdict.Acked
        : Attempts.Any(a => a.Result is AttemptResult.NoAnswer or AttemptResult.ServerError) ? Verdict.Unknown
        : Verdict.Refused;

    /// <summary>A definite refusal that came after an attempt without answer: the operation may still have happened.</summary>
    public bool RefusedAfterNoAnswer => Verdict == Verdict.Unknown && Attempts[^1] is { Result: AttemptResult.Answered, Status: >= 400 and < 500 };

    /// <summary>The id the acknowledged answer gave the new record (purchase, return, transfer, adjustment, event, member).</summary>
    public string? AckedId => Success?.Body is { } body ? IdOf(body) : null;

    public static string? IdOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
