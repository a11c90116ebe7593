using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Testing;

namespace Treu.Api.Tests.Security;

/// <summary>
/// <c>Treu:Limits</c>: every bound answers with a clear problem, and an operator can move it. Each test runs a
/// second server on the same database with low limits, as an operator would configure them.
/// </summary>
public abstract class LimitsSpec(TreuApp app) : ApiSpec(app)
{
    private async Task<(WebApplicationFactory<Program> Host, HttpClient Admin)> ServerWith(params (string Key, string Value)[] settings)
    {
        var host = App.Host.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting($"Treu:Limits:{key}", value);
            }
        });
        return (host, TreuApp.Client(host, TreuApp.AdminKey));
    }

    [Fact]
    public async Task A_body_over_the_configured_size_is_a_413_problem_and_enrols_no_one()
    {
        var (host, admin) = await ServerWith(("MaxRequestBodyBytes", "2048"));
        await using var _ = host;
        var email = $"{Unique("big")}@example.de";

        var big = await admin.PostRaw("/v1/members", $$"""{"email":"{{email}}","firstName":"{{new string('a', 3000)}}"}""");
        var small = await admin.PostRaw("/v1/members", $$"""{"email":"{{email}}","firstName":"Small"}""");

        await big.Problem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        await small.Json(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_default_body_limit_is_one_mebibyte()
    {
        var response = await Admin.PostRaw("/v1/members", $$"""{"email":"a@example.de","firstName":"{{new string('a', 1024 * 1024)}}"}""");

        var problem = await response.Problem(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Contains("1024 KiB", (string?)problem["detail"]);
    }

    [Fact]
    public async Task A_url_over_the_configured_length_is_a_414_problem_and_a_shorter_one_is_served()
    {
        var (host, admin) = await ServerWith(("MaxUrlLength", "100"));
        await using var _ = host;
        var member = await EnrolId();

        var longer = await admin.GetAsync($"/v1/members/{member}?padding={new string('x', 100)}", TestContext.Current.CancellationToken);
        var shorter = await admin.GetAsync($"/v1/members/{member}?padding=x", TestContext.Current.CancellationToken);

        var problem = await longer.Problem(HttpStatusCode.RequestUriTooLong, "uri_too_long");
        Assert.Contains("100", (string?)problem["detail"]);
        await shorter.Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_basket_over_the_configured_lines_is_refused_naming_the_limit()
    {
        var (host, admin) = await ServerWith(("MaxBasketLines", "3"));
        await using var _ = host;
        var member = await EnrolId();
        object[] Lines(int n) => Enumerable.Range(1, n).Select(i => Line($"SKU{i}", 1, 1m)).ToArray();

        var four = await admin.Post("/v1/transactions", Basket(member, Unique("R"), Lines(4)));
        var preview = await admin.Post("/v1/transactions/preview", Basket(member, Unique("R"), Lines(4)));
        var three = await admin.Post("/v1/transactions", Basket(member, Unique("R"), Lines(3)));

        var problem = await four.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("at most 3 lines", problem["errors"]!["lines"]![0]!.ToString());
        await preview.Problem(HttpStatusCode.BadRequest, "validation_failed");
        await three.Json(HttpStatusCode.Created);
        Assert.Equal(3, await Pending(member));
    }

    [Fact]
    public async Task A_page_over_the_configured_size_is_refused_and_the_default_page_fits_under_it()
    {
        var (host, admin) = await ServerWith(("MaxPageSize", "10"));
        await using var _ = host;
        var member = await EnrolId();
        for (var i = 0; i < 12; i++)
        {
            await Credit(member, 1);
        }

        var tooBig = await admin.GetAsync($"/v1/members/{member}/ledger?limit=11", TestContext.Current.CancellationToken);
        var page = await admin.GetJson($"/v1/members/{member}/ledger");

        var problem = await tooBig.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("between 1 and 10", (string?)problem["detail"]);
        Assert.Equal(10, page["items"]!.AsArray().Count);
        Assert.NotNull((string?)page["nextCursor"]);
    }

    [Fact]
    public async Task A_key_that_guesses_codes_is_stopped_after_its_burst_even_for_a_real_code_while_other_keys_go_on()
    {
        var (host, admin) = await ServerWith(("CodeGuesses:PerSecond", "1"), ("CodeGuesses:Burst", "3"));
        await using var __ = host;
        var real = "REAL" + Guid.NewGuid().ToString("n")[..8].ToUpperInvariant();
        var campaign = (string)(await (await admin.Post("/v1/admin/coupons", new { id = Unique("guess"), name = "Real", kind = "amount_off", amount = 1m, publicCode = real }))
            .Json(HttpStatusCode.Created))["id"]!;
        await (await admin.Post($"/v1/admin/coupons/{campaign}/activate", new { })).Json(HttpStatusCode.OK);
        var stolen = TreuApp.Client(host, await NewKey("pos"));
        var honest = TreuApp.Client(host, await NewKey("pos"));

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await stolen.Post("/v1/vouchers/validate", new { code = $"GUESS{i}X{Random.Shared.Next(100_000, 999_999)}" }));
        }

        Assert.InRange(answers.Count(a => a.StatusCode == HttpStatusCode.NotFound), 3, 6);
        await answers.Last().Problem(HttpStatusCode.TooManyRequests, "rate_limited");
        await (await stolen.Post("/v1/vouchers/validate", new { code = real })).Problem(HttpStatusCode.TooManyRequests, "rate_limited");
        await (await honest.Post("/v1/vouchers/validate", new { code = real })).Json(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Look_ups_beyond_the_rate_limit_get_429_with_retry_after_and_other_keys_go_on()
    {
        var (host, _) = await ServerWith(("Lookups:PerSecond", "1"), ("Lookups:Burst", "3"));
        await using var __ = host;
        var email = (string)(await Enrol())["email"]!;
        var stolen = TreuApp.Client(host, await NewKey("pos"));
        var honest = TreuApp.Client(host, await NewKey("pos"));
        var url = $"/v1/members/lookup?email={Uri.EscapeDataString(email)}";

        var clock = Stopwatch.StartNew();
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
        {
            answers.Add(await stolen.GetAsync(url, TestContext.Current.CancellationToken));
        }

        var elapsed = clock.Elapsed;
        var found = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        var limited = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await limited.Problem(HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.InRange(found, 3, 3 + (int)Math.Ceiling(elapsed.TotalSeconds));
        Assert.Equal(12, found + answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));

        // Another till's bucket is its own, and reads other than look-ups are not limited.
        await (await honest.GetAsync(url, TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK);
        var member = (string)(await (await honest.GetAsync(url, TestContext.Current.CancellationToken)).Json(HttpStatusCode.OK))["id"]!;
        for (var i = 0; i < 5; i++)
        {
            await stolen.GetJson($"/v1/members/{member}");
        }
    }

    [Fact]
    public async Task Beyond_the_concurrency_limit_requests_wait_their_turn_and_beyond_the_queue_get_503_while_health_answers()
    {
        var (host, admin) = await ServerWith(("Concurrency:Requests", "1"), ("Concurrency:Queue", "1"));
        await using var _ = host;
        using var waiting = new WaitingGauge(host);
        var member = await EnrolId();
        var ct = TestContext.Current.CancellationToken;

        // Two purchases whose bodies are still on their way: one holds the server's one place, the other takes the one
        // place in the queue (whichever comes first).
        var held = new[] { HeldBody.For(Basket(member, Unique("R"), [Line("A", 1, 10m)])), HeldBody.For(Basket(member, Unique("R"), [Line("B", 1, 20m)])) };
        // Straight to the test server: the factory's client reads a body whole before it sends it, to follow redirects.
        using var streaming = host.Server.CreateClient();
        streaming.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var slow = held.Select(body => streaming.PostAsync("/v1/transactions", body, ct)).ToList();
        await waiting.UntilAsync(1);

        var refusedReceipt = Unique("R");
        var refused = await admin.Post("/v1/transactions", Basket(member, refusedReceipt, [Line("C", 1, 40m)]));
        var problem = await refused.Problem(HttpStatusCode.ServiceUnavailable, "overloaded");
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Contains("Retry", (string?)problem["detail"]);
        // Probes never wait behind the work.
        foreach (var probe in new[] { "/health/live", "/health/ready" })
        {
            var health = await admin.GetAsync(probe, ct);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(ct));
        }

        Assert.All(slow, s => Assert.False(s.IsCompleted));

        foreach (var body in held)
        {
            body.Release();
        }

        foreach (var answer in slow)
        {
            await (await answer).Json(HttpStatusCode.Created);
        }

        // The refused purchase changed nothing; sent again once there is room, it counts once.
        Assert.Equal(30, await Pending(member));
        await (await admin.Post("/v1/transactions", Basket(member, refusedReceipt, [Line("C", 1, 40m)]))).Json(HttpStatusCode.Created);
        Assert.Equal(70, await Pending(member));
        Assert.Equal(0, waiting.Read());
    }

    /// <summary>A JSON body sent up to its first byte, the rest only once released: the request holds its place meanwhile.</summary>
    private sealed class HeldBody(byte[] json) : HttpContent
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static HeldBody For(object body)
        {
            var content = new HeldBody(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, System.Text.Json.JsonSerializerOptions.Web));
            content.Headers.ContentType = new("application/json");
            return content;
        }

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(json.AsMemory(0, 1));
            await stream.FlushAsync();
            await _released.Task;
            await stream.WriteAsync(json.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>The server's <c>treu.requests.waiting</c> gauge, as an operator's metrics pipeline reads it.</summary>
    private sealed class WaitingGauge : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _value = -1;

        public WaitingGauge(WebApplicationFactory<Program> host)
        {
            var meters = host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "treu.requests.waiting")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Exchange(ref _value, value));
            _listener.Start();
        }

        public long Read()
        {
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _value);
        }

        public async Task UntilAsync(long expected) =>
            Assert.True(await Poll.UntilAsync(() => Read() == expected, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken),
                $"treu.requests.waiting stayed at {Read()}, not {expected}.");

        public void Dispose() => _listener.Dispose();
    }

    private async Task<string> NewKey(string scope)
    {
        var created = await (await Admin.Post("/v1/admin/api-keys", new { name = $"limits {scope}", scope })).Json(HttpStatusCode.Created);
        return (string)created["key"]!;
    }
}

public sealed class LimitsOnSqlite(SqliteApp app) : LimitsSpec(app), IClassFixture<SqliteApp>;

public sealed class LimitsOnPostgres(PostgresApp app) : LimitsSpec(app), IClassFixture<PostgresApp>;
