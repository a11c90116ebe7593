using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>
/// The one place where named failures become HTTP answers: RFC 9457 problem details with a stable <c>code</c>
/// and, for a field, the field's name.
/// </summary>
public static partial class Problems
{
    public static int StatusOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.UriTooLong => StatusCodes.Status414UriTooLong,
        FailureKind.Refused => StatusCodes.Status422UnprocessableEntity,
        FailureKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A failure kind without a status."),
    };

    /// <summary>The problem answer for a failure: its kind's status, its code, and the field or fields at fault.</summary>
    public static ProblemHttpResult For(Failure failure) =>
        Result(StatusOf(failure.Kind), failure.Code, failure.Message,
            failure.Errors ?? (failure.Field is null ? null : new Dictionary<string, string[]> { [failure.Field] = [failure.Message] }));

    public static ProblemHttpResult Result(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }

        return TypedResults.Problem(statusCode: status, title: TitleFor(code), detail: detail, type: TypeFor(code), extensions: extensions);
    }

    /// <summary>200 with the value, or the failure's problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> ToOkOrProblem<T>(this Result<T> result) =>
        result.Failure is { } failure ? For(failure) : TypedResults.Ok(result.Value);

    /// <summary>Writes the problem straight to the response, for middleware that answers before any endpoint runs.</summary>
    public static Task WriteAsync(HttpContext http, Failure failure) => For(failure).ExecuteAsync(http);

    public static string TypeFor(string code) => $"https://treu.dev/problems/{code.Replace('_', '-')}";

    private static bool IsBodyDeserialization(NotSupportedException e) =>
        e.TargetSite?.DeclaringType?.Assembly == typeof(System.Text.Json.JsonSerializer).Assembly
        && e.Message.Contains("BytePositionInLine", StringComparison.Ordinal); // only the reader knows a position: this is the body, not our answer

    /// <summary>
    /// The database went away (restarting, unreachable, refusing connections, busy beyond the timeout): not a bug but an
    /// outage, which a till should wait out and retry.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal):
                case Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException }:
                case Npgsql.NpgsqlException npgsql when npgsql is not Npgsql.PostgresException && npgsql.IsTransient:
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED after the busy timeout
                    return true;
            }
        }

        return false;
    }

    private static string TitleFor(string code) => string.Concat(char.ToUpperInvariant(code[0]), code[1..].Replace('_', ' '));

    /// <summary>How ASP.NET Core says a route or query value did not bind: <c>Failed to bind parameter "Nullable&lt;int&gt; limit" from "x".</c></summary>
    [GeneratedRegex("""^(?<failure>Failed to bind|Required) parameter "[^"]* (?<name>[A-Za-z0-9_]+)"(?<rest>.*)$""")]
    private static partial Regex ParameterFailure();

    /// <summary>A parameter that did not bind, named as the client sent it and in the API's words; null for the body or anything else.</summary>
    private static Json.BodyRefusal? Parameter(Endpoint? endpoint, BadHttpRequestException bad, JsonSerializerOptions json)
    {
        if (ParameterFailure().Match(bad.Message) is not { Success: true } match || match.Groups["rest"].Value.Contains("body", StringComparison.Ordinal))
        {
            return null;
        }

        var name = match.Groups["name"].Value;
        if (match.Groups["failure"].Value == "Required")
        {
            return Json.Invalid(name, "is required");
        }

        var type = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;
        return Json.Invalid(name, type is null ? "has the wrong format" : Json.Expectation(json, type));
    }

    /// <summary>Anything thrown past the endpoints: malformed bodies are the client's (4xx), the rest is a bug (500, logged).</summary>
    public sealed class ExceptionHandler(
        IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ExceptionHandler> log) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            var options = json.Value.SerializerOptions;
            // The exception handler has taken the endpoint off the context; its feature keeps it.
            var endpoint = http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
            var body = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var (status, code, detail, errors) = exception switch
            {
                BadHttpRequestException { StatusCode: 413 } => (413, HttpErrors.PayloadTooLarge.Code, "The request body is larger than the server accepts.", null),
                BadHttpRequestException { InnerException: JsonException refused } => Answer(Json.Explain(refused, body, options)),
                // System.Text.Json refuses a polymorphic object without its "type" this way, not with a JsonException.
                NotSupportedException unsupported when IsBodyDeserialization(unsupported) => Answer(Json.Explain(unsupported, body, options)),
                BadHttpRequestException bad when Parameter(endpoint, bad, options) is { } parameter => Answer(parameter),
                BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                    (400, HttpErrors.InvalidRequest.Code, "This request needs a JSON object as its body.", null),
                BadHttpRequestException bad => (bad.StatusCode, HttpErrors.InvalidRequest.Code, bad.Message, null),
                OperationCanceledException when http.RequestAborted.IsCancellationRequested => (499, "client_closed_request", "The client went away.", null),
                _ when IsDatabaseUnavailable(exception) => (503, HttpErrors.DatabaseUnavailable.Code,
                    "The database cannot be reached right now. Retry with the same Idempotency-Key or receipt id: a write that did happen is answered, not repeated.", null),
                _ => (500, "internal_error", "Something went wrong on our side. It has been logged.", (IDictionary<string, string[]>?)null),
            };
            if (status == 503)
            {
                log.LogWarning("Database unavailable on {Method} {Path}: {Message}", http.Request.Method, http.Request.Path, exception.GetBaseException().Message);
                http.Response.Headers.RetryAfter = "1";
            }
            else if (status >= 500)
            {
                log.LogError(exception, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            }

            var problem = new ProblemDetails
            {
                Status = status,
                Title = TitleFor(code),
                Detail = detail,
                Type = TypeFor(code),
                Extensions = { ["code"] = code },
            };
            if (errors is not null)
            {
                problem.Extensions["errors"] = errors;
            }

            http.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, Exception = exception, ProblemDetails = problem });
        }

        private static (int, string, string, IDictionary<string, string[]>?) Answer(Json.BodyRefusal refusal) =>
            (StatusCodes.Status400BadRequest, refusal.Code, refusal.Detail, refusal.Errors);
    }
}
