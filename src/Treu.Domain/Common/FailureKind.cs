namespace Treu.Domain.Common;

/// <summary>
/// What kind of refusal a failure is. The HTTP edge turns each kind into one status, so a code never falls through to
/// a status nobody chose for it.
/// </summary>
public enum FailureKind
{
    /// <summary>The request itself is wrong (a field, the shape): fix it and send it again.</summary>
    Invalid,
    Unauthenticated,
    /// <summary>The caller may not do this (its scope, its store, its channel).</summary>
    Forbidden,
    NotFound,
    /// <summary>It collides with the current state or with a request in flight; some conflicts are worth a retry.</summary>
    Conflict,
    TooLarge,
    UriTooLong,
    /// <summary>Well-formed, but the business rules refuse it (not enough points, already returned …).</summary>
    Refused,
    TooManyRequests,
    /// <summary>Not the client's fault and not a bug: an outage or overload to wait out.</summary>
    Unavailable,
}
