using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Treu.Server.Storage;

namespace Treu.Server.Hosting;

public static class Limits
{
    /// <summary>The rate limiter policy on enumeration-prone reads: partitioned by API key.</summary>
    public const string LookupPolicy = "lookups";

    public static IServiceCollection AddTreuLimits(this IServiceCollection services)
    {
        // The limits are bound and checked as part of TreuOptions; what needs only them may ask for them alone.
        services.AddSingleton(sp => Options.Create(sp.GetRequiredService<IOptions<TreuOptions>>().Value.Limits));
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(LookupPolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.Lookups;
                // Runs after authentication: the key's id is the partition, so each till has its own bucket and no
                // key can spend another's. Without a caller the endpoint answers 401 before the limiter is asked.
                var partition = http.Items[typeof(Caller)] is Caller caller ? caller.ApiKeyId : "anonymous";
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limit.Burst,
                    TokensPerPeriod = limit.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.For(HttpErrors.RateLimited.With($"Too many look-ups with this API key. Retry after {retryAfter} s."))
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// Works on at most <see cref="ConcurrencyLimit.Requests"/> requests at once; the others wait in arrival order, holding
    /// nothing but their connection, and a request that finds <see cref="ConcurrencyLimit.Queue"/> already waiting is refused
    /// with 503 <c>overloaded</c>. Under more load than the machine can serve, the requests in flight (and the memory they
    /// hold) stay bounded and the oldest is served first, at the same throughput (docs/performance.md).
    /// Health probes never wait: an orchestrator must not restart a server for being busy. Read once, at start.
    /// </summary>
    public static WebApplication UseConcurrencyLimit(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<LimitOptions>>().Value.Concurrency;
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.Requests,
            QueueLimit = settings.Queue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var meter = app.Services.GetRequiredService<IMeterFactory>().Create("Treu.Http");
        meter.CreateObservableUpDownCounter("treu.requests.waiting", () => limiter.GetStatistics()?.CurrentQueuedCount ?? 0, "{request}",
            "Requests waiting for their turn (Treu:Limits:Concurrency)");
        meter.CreateObservableCounter("treu.requests.overloaded", () => limiter.GetStatistics()?.TotalFailedLeases ?? 0, "{request}",
            "Requests refused with 503 overloaded because the queue was full");

        app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/health"))
            {
                await next(http);
                return;
            }

            // A client that gives up while waiting leaves the queue (the exception handler answers 499, logs nothing).
            using var lease = await limiter.AcquireAsync(1, http.RequestAborted);
            if (!lease.IsAcquired)
            {
                http.Response.Headers.RetryAfter = "1";
                await Problems.For(HttpErrors.Overloaded.With($"The server is working on all the requests it can take ({settings.Queue} are waiting). "
                        + "Retry after 1 s; a write retried with its Idempotency-Key or receipt id counts once."))
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>
    /// Kestrel's own limits, set from <c>Treu:Limits</c>. Kestrel answers a request line over its limit itself, with a
    /// bare 414 no application can add a body to; its limit is set well above <see cref="LimitOptions.MaxUrlLength"/>, so
    /// that a URL over ours reaches <see cref="UseUrlLengthLimit"/> and gets a problem. Only a URL of more than 64 KiB
    /// still gets Kestrel's bare answer.
    /// </summary>
    public static void ConfigureKestrel(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        var limits = configuration.GetSection(TreuOptions.Section).Get<TreuOptions>()?.Limits ?? new LimitOptions();
        kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        kestrel.Limits.MaxRequestLineSize = Math.Max(64 * 1024, 2 * limits.MaxUrlLength);
    }

    /// <summary>Refuses a URL longer than <see cref="LimitOptions.MaxUrlLength"/> with 414 <c>uri_too_long</c>, before anything reads it.</summary>
    public static WebApplication UseUrlLengthLimit(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var max = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.MaxUrlLength;
            var url = http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
                ? raw.Length
                : http.Request.Path.Value?.Length + http.Request.QueryString.Value?.Length ?? 0;
            if (url > max)
            {
                await Problems.WriteAsync(http, HttpErrors.UriTooLong.With($"The URL is longer than the {max} characters the server accepts."));
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>Refuses a body larger than the limit before it is read, the same way behind any server.</summary>
    public static WebApplication UseRequestBodyLimit(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var max = http.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.MaxRequestBodyBytes;
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                // Also bounds a chunked body, whose length nobody announced.
                feature.MaxRequestBodySize = max;
            }

            if (http.Request.ContentLength > max)
            {
                await Problems.For(HttpErrors.PayloadTooLarge.With($"The request body is larger than {max / 1024} KiB.")).ExecuteAsync(http);
                return;
            }

            await next(http);
        });
        return app;
    }

    /// <summary>Limits the look-ups one API key can make: a stolen till key cannot walk the member base.</summary>
    public static RouteHandlerBuilder LimitedAsLookup(this RouteHandlerBuilder builder) =>
        builder.RequireRateLimiting(LookupPolicy).ProducesProblem(StatusCodes.Status429TooManyRequests);
}
