using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Security;

/// <summary>
/// Hostile requests against every endpoint of the OpenAPI document, generated from a seed. Passes when no answer is a
/// 5xx, every refusal is problem details with a stable code, a refused request changed nothing in the database, no
/// answer to our keys shows another program's data or, to a store-bound key, another store's receipts, and a control
/// character in any text field, path or query parameter is refused with a 400 naming it.
/// <c>TREU_FUZZ_SEED</c> and <c>TREU_FUZZ_COUNT</c> replay or lengthen a run.
/// </summary>
public abstract partial class FuzzSpec(TreuApp app) : ApiSpec(app)
{
    public const int DefaultSeed = 20261123;

    /// <summary>How many requests this database gets in the normal suite.</summary>
    protected abstract int DefaultCount { get; }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex StableCode();

    [Fact]
    [Trait("Tier", "slow")]
    public async Task Hostile_requests_to_every_endpoint_get_4xx_problem_details_and_change_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("TREU_FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var count = int.TryParse(Environment.GetEnvironmentVariable("TREU_FUZZ_COUNT"), CultureInfo.InvariantCulture, out var c) ? c : DefaultCount;
        await using var world = await SecurityWorld.BuildAsync(App);
        var random = new Random(seed);
        var hostile = new HostileRequests(world, random);
        var wellFormed = new WellFormedRequests(random, target => Task.FromResult(target switch
        {
            Target.Member => world.Members[random.Next(world.Members.Length)],
            Target.OtherMember => world.Members[random.Next(world.Members.Length)],
            Target.Purchase => world.Purchases[random.Next(world.Purchases.Length)],
            Target.Rule => world.RuleId,
            Target.Campaign => world.CampaignId,
            Target.Reward => world.RewardId,
            Target.Coupon => world.CouponId,
            Target.Voucher => world.Codes.Peek(),
            Target.Webhook => world.WebhookId,
            Target.WebhookDelivery => world.WebhookDeliveryId,
            Target.MessageTemplate => world.TemplateId,
            _ => "key_does_not_exist",
        }));
        var clients = Clients(world);
        var operations = world.Operations;
        Assert.True(operations.Count >= 25, $"The OpenAPI document lists only {operations.Count} operations.");

        var failures = new List<string>();
        var planted = new HashSet<string>(StringComparer.Ordinal);
        var statuses = new SortedDictionary<int, int>();
        var covered = new HashSet<string>();
        var fingerprint = await world.FingerprintAsync();
        var clock = Stopwatch.StartNew();
        TimeSpan fingerprinting = default, sendingTime = default;
        (TimeSpan Took, string What) slowest = default;
        var sweep = await CrossTenantSweep(world);
        var crossTenant = sweep.Count;
        sweep.AddRange(await ControlCharacterSweep(world, sweep.Count));
        for (var i = 0; i < sweep.Count + count && failures.Count < 10; i++)
        {
            HostileRequest request;
            Operation operation;
            if (i < sweep.Count)
            {
                (operation, request) = sweep[i];
            }
            else
            {
                // Round-robin over the operations, so every endpoint gets its share whatever the count.
                operation = operations[(i - sweep.Count) % operations.Count];
                var path = operation.Path.Contains('{') ? await wellFormed.PathAsync(operation.Path) : operation.Path;
                var body = await wellFormed.BodyAsync(operation.RequestExample);
                request = hostile.Next(i - sweep.Count, operation, path, body);
            }

            var sending = Stopwatch.GetTimestamp();
            using var response = await Send(clients, request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (status >= 400)
            {
                covered.Add(operation.Name);
            }

            var problem = Judge(world, planted, request, status, mediaType, text);
            if (status < 300)
            {
                // A foreign id our own key stored (as a sku, a receipt id) is ours to read back from then on.
                planted.UnionWith(world.ForeignMarkers.Where(m => (request.Wire.Url + request.Wire.Body).Contains(m, StringComparison.Ordinal)));
            }

            var sent = Stopwatch.GetTimestamp();
            var after = await world.FingerprintAsync();
            fingerprinting += Stopwatch.GetElapsedTime(sent);
            var took = Stopwatch.GetElapsedTime(sending, sent);
            sendingTime += took;
            if (took > slowest.Took)
            {
                slowest = (took, $"{request.Wire.Method} {request.Wire.Url[..Math.Min(80, request.Wire.Url.Length)]} {request.Mutation}");
            }
            if (problem is null && status >= 400 && after != fingerprint)
            {
                problem = "the request was refused, yet the database changed";
            }

            fingerprint = after;
            if (problem is not null)
            {
                var where = i < crossTenant ? $"cross-tenant sweep #{i}"
                    : i < sweep.Count ? $"control-character sweep #{i - crossTenant}"
                    : $"#{i - sweep.Count} (seed {seed}, replay with TREU_FUZZ_SEED={seed} TREU_FUZZ_COUNT={i - sweep.Count + 1})";
                failures.Add($"{where}: {problem}\n"
                    + $"  key {request.Key}, mutation: {request.Mutation}\n  {request.Wire}\n  -> {status} {mediaType}: {text[..Math.Min(600, text.Length)]}");
            }
        }

        var summary = $"{crossTenant} cross-tenant + {sweep.Count - crossTenant} control-character + {count} hostile requests, seed {seed}, "
            + $"{clock.Elapsed.TotalSeconds:F1} s (requests {sendingTime.TotalSeconds:F1} s, fingerprints {fingerprinting.TotalSeconds:F1} s; "
            + $"slowest {slowest.Took.TotalMilliseconds:F0} ms: {slowest.What}); rows {world.LastRows}, bytes {world.LastBytes}; statuses: "
            + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"));
        TestContext.Current.SendDiagnosticMessage(summary);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"treu-fuzz-{App.Provider}.txt"), summary);
        Assert.True(failures.Count == 0, $"{summary}\n{string.Join("\n\n", failures)}");
        Assert.True(statuses.Keys.All(k => k < 500), summary);
        Assert.Equal(operations.Select(o => o.Name).Order(), covered.Order());

        foreach (var admin in new[] { Admin, App.Client(world.OtherKeySecret) })
        {
            var report = await admin.GetJson("/v1/admin/ledger/verify");
            Assert.True((bool)report["ok"]!, $"Ledger verification failed after fuzzing: {report["mismatches"]}");
        }
    }

    [Fact]
    public async Task The_fingerprint_sees_a_single_changed_field_and_nothing_else()
    {
        await using var world = await SecurityWorld.BuildAsync(App);
        var before = await world.FingerprintAsync();
        await Admin.GetJson($"/v1/members/{world.Members[0]}");
        var afterRead = await world.FingerprintAsync();

        await App.Db(db => db.Members.Where(m => m.Id == world.Members[0])
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.FirstName, "Tampered")));
        var afterWrite = await world.FingerprintAsync();

        Assert.Equal(before, afterRead);
        Assert.NotEqual(before, afterWrite);
    }

    /// <summary>
    /// Before the random part, every endpoint with an id gets, from every key of ours, a well-formed request aimed at
    /// the other program's member or receipt and at store B's receipt: chance alone would reach each pair rarely.
    /// </summary>
    private static async Task<List<(Operation, HostileRequest)>> CrossTenantSweep(SecurityWorld world)
    {
        var requests = new WellFormedRequests(new Random(0), target => Task.FromResult(target switch
        {
            Target.Member or Target.OtherMember => world.Members[0],
            Target.Purchase => world.Purchases[0],
            Target.Rule => world.RuleId,
            Target.Campaign => world.CampaignId,
            Target.Reward => world.RewardId,
            Target.Coupon => world.CouponId,
            Target.Voucher => world.Codes.Peek(),
            Target.Webhook => world.WebhookId,
            Target.WebhookDelivery => world.WebhookDeliveryId,
            Target.MessageTemplate => world.TemplateId,
            _ => "key_does_not_exist",
        }));
        var sweep = new List<(Operation, HostileRequest)>();
        foreach (var operation in world.Operations)
        {
            var target = operation.Path.Contains("{id}", StringComparison.Ordinal) ? WellFormedRequests.TargetOf(operation.Path) : (Target?)null;
            string[] foreignIds = target switch
            {
                Target.Member => [world.OtherMember],
                Target.Purchase => [world.OtherPurchase, world.StoreBPurchase],
                _ => [],
            };
            foreach (var key in new[] { "pos", "pos@store-a", "ecommerce", "app", "admin" })
            {
                var path = target is null ? operation.Path : await requests.PathAsync(operation.Path);
                var body = await requests.BodyAsync(operation.RequestExample);
                foreach (var id in foreignIds)
                {
                    var wire = new WireRequest(operation.Method, operation.Path.Replace("{id}", id, StringComparison.Ordinal), body?.ToJsonString());
                    sweep.Add((operation, new HostileRequest(sweep.Count, key, $"foreign id {id} in the path", wire, body is null ? null : "application/json", null)));
                }

                foreach (var field in new[] { "memberId", "fromMemberId", "toMemberId" })
                {
                    if (body?[field] is not null)
                    {
                        var aimed = body.DeepClone();
                        aimed[field] = world.OtherMember;
                        var wire = new WireRequest(operation.Method, path, aimed.ToJsonString());
                        sweep.Add((operation, new HostileRequest(sweep.Count, key, $"{field} of another program", wire, "application/json", null)));
                    }
                }
            }
        }

        return sweep;
    }

    /// <summary>
    /// Before the random part, a NUL in every text field of every request body and in every query parameter, and
    /// another control character in every path parameter (a NUL in a path never leaves the test server's client, nor
    /// gets past Kestrel), each in an otherwise well-formed request from the admin key. The fields come from the
    /// schema, not the example: optional fields, array items, each rule condition and effect, a dictionary's keys and
    /// values. PostgreSQL cannot store a NUL; each must be refused naming its field, on both databases alike.
    /// </summary>
    private static async Task<List<(Operation, HostileRequest)>> ControlCharacterSweep(SecurityWorld world, int first)
    {
        const string nul = "a\u0000b", control = "a\u0001b";
        var requests = new WellFormedRequests(new Random(1), target => Task.FromResult(target switch
        {
            Target.Member => world.Members[1],
            Target.OtherMember => world.Members[2],
            Target.Purchase => world.Purchases[1],
            Target.Rule => world.RuleId,
            Target.Campaign => world.CampaignId,
            Target.Reward => world.RewardId,
            Target.Coupon => world.CouponId,
            Target.Voucher => world.Codes.Peek(),
            Target.Webhook => world.WebhookId,
            Target.WebhookDelivery => world.WebhookDeliveryId,
            Target.MessageTemplate => world.TemplateId,
            _ => "key_does_not_exist",
        }));
        var sweep = new List<(Operation, HostileRequest)>();
        void Add(Operation operation, string field, string url, string? body) =>
            sweep.Add((operation, new HostileRequest(first + sweep.Count, "admin", $"control character in {field}", new WireRequest(operation.Method, url, body),
                body is null ? null : "application/json", null, field)));

        foreach (var operation in world.Operations)
        {
            var path = operation.Path.Contains('{') ? await requests.PathAsync(operation.Path) : operation.Path;
            var query = WellFormedRequests.Query(operation.Path, world.MemberEmails[1]);
            var baseline = await requests.BodyAsync(operation.RequestExample);
            if (operation.RequestSchema is not null && operation.Schemas is not null)
            {
                foreach (var planted in new TextSlots(operation.Schemas, nul).Plant(operation.RequestSchema, baseline ?? new JsonObject()))
                {
                    Add(operation, planted.Field, path + query, planted.Body.ToJsonString());
                }
            }

            foreach (var parameter in WellFormedRequests.PathParameters(operation.Path))
            {
                var url = await requests.PathAsync(operation.Path.Replace($"{{{parameter}}}", Uri.EscapeDataString(control), StringComparison.Ordinal));
                Add(operation, parameter, url + query, baseline?.ToJsonString());
            }

            foreach (var parameter in operation.QueryParameters)
            {
                Add(operation, parameter, $"{path}?{parameter}={Uri.EscapeDataString(nul)}", baseline?.ToJsonString());
            }
        }

        return sweep;
    }

    private Dictionary<string, HttpClient> Clients(SecurityWorld world)
    {
        var clients = new Dictionary<string, HttpClient>(world.Keys)
        {
            ["none"] = App.Anonymous,
            ["garbage"] = App.Client("treu_not_a_key_" + new string('x', 30)),
            ["other-program"] = App.Client(world.OtherKeySecret),
        };
        var malformed = App.Host.CreateClient();
        malformed.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + new string('z', 400));
        clients["malformed-header"] = malformed;
        return clients;
    }

    private static async Task<HttpResponseMessage> Send(Dictionary<string, HttpClient> clients, HostileRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Wire.Method), request.Wire.Url);
        if (request.Wire.Body is not null)
        {
            message.Content = new StringContent(request.Wire.Body, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType ?? "application/json");
        }

        if (request.IdempotencyKey is not null)
        {
            message.Headers.TryAddWithoutValidation("Idempotency-Key", request.IdempotencyKey);
        }

        return await clients[request.Key].SendAsync(message, TestContext.Current.CancellationToken);
    }

    /// <summary>What is wrong with this answer, or null.</summary>
    private static string? Judge(SecurityWorld world, HashSet<string> planted, HostileRequest request, int status, string? mediaType, string text)
    {
        foreach (var secret in world.Secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                return "the answer shows a secret (an API key, its hash or the QR signing key)";
            }
        }

        if (status >= 500)
        {
            return $"a {status}: a server error is a bug";
        }

        if (request.RefusedField is { } field && (status != 400 || !NamesField(text, field)))
        {
            return $"a control character in {field} was not refused with a 400 naming it";
        }

        if (status >= 400)
        {
            if (mediaType != "application/problem+json")
            {
                return $"a refusal that is not problem details ({mediaType ?? "no content type"})";
            }

            try
            {
                var problem = JsonNode.Parse(text)!;
                if ((string?)problem["code"] is not { } code || !StableCode().IsMatch(code) || code == "error")
                {
                    return "problem details without a stable code";
                }

                if ((int?)problem["status"] != status)
                {
                    return "problem details whose status differs from the answer's";
                }
            }
            catch (JsonException)
            {
                return "problem details that are not JSON";
            }

            return null;
        }

        if (request.Key == "other-program")
        {
            return null; // the other program's admin key may see its own program
        }

        // A marker the request itself carried (an echoed receipt id, a line's sku) is no leak.
        var sent = request.Wire.Url + request.Wire.Body;
        foreach (var marker in world.ForeignMarkers)
        {
            if (text.Contains(marker, StringComparison.Ordinal) && !sent.Contains(marker, StringComparison.Ordinal) && !planted.Contains(marker))
            {
                return $"the answer shows another program's data ({marker})";
            }
        }

        if (request.Key == "pos@store-a"
            && text.Contains(SecurityWorld.StoreBSecretSku, StringComparison.Ordinal)
            && !sent.Contains(SecurityWorld.StoreBSecretSku, StringComparison.Ordinal))
        {
            return "a key bound to store A was shown a receipt of store B";
        }

        return null;
    }

    private static bool NamesField(string problem, string field)
    {
        try
        {
            return JsonNode.Parse(problem)?["errors"]?[field] is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

public sealed class FuzzOnSqlite(SqliteApp app) : FuzzSpec(app), IClassFixture<SqliteApp>
{
    protected override int DefaultCount => 10_000;
}

public sealed class FuzzOnPostgres(PostgresApp app) : FuzzSpec(app), IClassFixture<PostgresApp>
{
    protected override int DefaultCount => 1_000;
}
