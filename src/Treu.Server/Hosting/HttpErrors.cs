using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>The codes of the HTTP edge: authentication, limits, request shape, outages.</summary>
public static class HttpErrors
{
    public static readonly ErrorCode MalformedJson = new("malformed_json", FailureKind.Invalid);
    public static readonly ErrorCode InvalidRequest = new("invalid_request", FailureKind.Invalid);
    public static readonly ErrorCode Unauthenticated = new("unauthenticated", FailureKind.Unauthenticated);
    public static readonly ErrorCode ForbiddenScope = new("forbidden_scope", FailureKind.Forbidden);
    public static readonly ErrorCode StoreNotAllowed = new("store_not_allowed", FailureKind.Forbidden);
    public static readonly ErrorCode ChannelNotAllowed = new("channel_not_allowed", FailureKind.Forbidden);
    public static readonly ErrorCode PayloadTooLarge = new("payload_too_large", FailureKind.TooLarge);
    public static readonly ErrorCode UriTooLong = new("uri_too_long", FailureKind.UriTooLong);
    public static readonly ErrorCode RateLimited = new("rate_limited", FailureKind.TooManyRequests);
    public static readonly ErrorCode Overloaded = new("overloaded", FailureKind.Unavailable);
    public static readonly ErrorCode DatabaseUnavailable = new("database_unavailable", FailureKind.Unavailable);

    /// <summary>Codes the framework's own answers carry (an unknown route, a wrong method …), by status.</summary>
    public static readonly IReadOnlyDictionary<int, string> OfFramework = new Dictionary<int, string>
    {
        [404] = "not_found",
        [405] = "method_not_allowed",
        [415] = "unsupported_media_type",
        [499] = "client_closed_request",
        [500] = "internal_error",
    };
}
