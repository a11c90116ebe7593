using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Treu.Api.Tests.Infrastructure;
using Treu.Domain.Programs;
using Treu.Server.Hosting;
using Treu.Server.Storage;
using Treu.Server.Tiers;

namespace Treu.Api.Tests.Security;

/// <summary>One operation of the OpenAPI document: what the fuzzer and the matrix test call.</summary>
/// <param name="RequestSchema">The body's schema, whose references point into <paramref name="Schemas"/>.</param>
public sealed record Operation(string Method, string Path, string[] QueryParameters, JsonNode? RequestExample, JsonNode? RequestSchema = null, JsonObject? Schemas = null)
{
    public string Name => $"{Method} {Path}";

    public override string ToString() => Name;
}

/// <summary>
/// The people and things a hostile request can aim at: our program with keys of every scope (one bound to a store),
/// members with points, purchases in two stores, a rule and a campaign; and a second program, whose data no key
/// of ours may ever see.
/// </summary>
public sealed class SecurityWorld : IAsyncDisposable
{
    /// <summary>Appears only in the line of the purchase recorded at store B: a key bound to store A must never see it.</summary>
    public const string StoreBSecretSku = "STOREB-SECRET-SKU-7731";

    /// <summary>Appears only in the other program's data.</summary>
    public const string OtherProgramMarker = "OTHERPROG-MARKER-5519";

    public required TreuApp App { get; init; }
    public required IReadOnlyList<Operation> Operations { get; init; }
    public required Dictionary<string, HttpClient> Keys { get; init; }
    public required string[] Members { get; init; }
    public required string[] MemberEmails { get; init; }
    public required string[] Purchases { get; init; }
    public required string StoreBPurchase { get; init; }
    public required string RuleId { get; init; }
    public required string CampaignId { get; init; }
    public required string RewardId { get; init; }
    public required string CouponId { get; init; }

    /// <summary>Unused codes of <see cref="CouponId"/>, which any member or guest may use once: take one with <see cref="NextCode"/>.</summary>
    public required Queue<string> Codes { get; init; }
    public required string WebhookId { get; init; }
    public required string WebhookDeliveryId { get; init; }
    public required string TemplateId { get; init; }
    public required string OtherMember { get; init; }
    public required string OtherPurchase { get; init; }
    public required string OtherKeySecret { get; init; }

    /// <summary>Strings no answer may ever contain: key secrets, their hashes, the programs' QR signing keys.</summary>
    public required string[] Secrets { get; init; }

    /// <summary>Strings that must never appear in an answer to one of our keys.</summary>
    public required string[] ForeignMarkers { get; init; }

    public HttpClient Admin => Keys["admin"];

    public static readonly string[] Scopes = ["pos", "ecommerce", "app", "admin"];

    public static async Task<SecurityWorld> BuildAsync(TreuApp app)
    {
        var admin = app.Admin;
        var operations = await ReadOperationsAsync(app.Anonymous);
        var keys = new Dictionary<string, HttpClient> { ["admin"] = admin };
        foreach (var scope in new[] { "pos", "ecommerce", "app" })
        {
            keys[scope] = await app.ClientWithScope(scope);
        }

        keys["pos@store-a"] = await app.ClientWithScope("pos", "store-a");
        var tillB = await app.ClientWithScope("pos", "store-b");

        var members = new string[4];
        var emails = new string[4];
        for (var i = 0; i < members.Length; i++)
        {
            emails[i] = $"fuzz-{Guid.NewGuid():n}"[..17] + "@example.de";
            members[i] = (string)(await Created(await admin.PostAsJsonAsync("/v1/members", new { email = emails[i], firstName = "Fuzz" })))["id"]!;
            await Created(await admin.PostAsJsonAsync($"/v1/members/{members[i]}/adjustments", new { points = 1_000_000, reason = "fuzz world" }));
        }

        var purchases = new string[2];
        for (var i = 0; i < purchases.Length; i++)
        {
            purchases[i] = (string)(await Created(await keys["pos@store-a"].PostAsJsonAsync("/v1/transactions", new
            {
                memberId = members[i],
                externalId = $"R-world-a-{i}-{Guid.NewGuid():n}",
                currency = "EUR",
                lines = new[] { new { sku = "4006381333931", name = "Organic coffee", quantity = 5m, unitPrice = 8.99m } },
            })))["id"]!;
        }

        var storeB = (string)(await Created(await tillB.PostAsJsonAsync("/v1/transactions", new
        {
            memberId = members[2],
            externalId = $"R-world-b-{Guid.NewGuid():n}",
            currency = "EUR",
            lines = new[] { new { sku = StoreBSecretSku, name = "Store B only", quantity = 1m, unitPrice = 10m } },
        })))["id"]!;

        // The reference's own examples, under fresh ids: a class may build more than one world on its database.
        var ruleBody = JsonNode.Parse(Examples.CreateRule)!;
        ruleBody["id"] = $"fz_rule_{Guid.NewGuid():n}"[..24];
        var campaignBody = JsonNode.Parse(Examples.CreateCampaign)!;
        campaignBody["id"] = $"fz_campaign_{Guid.NewGuid():n}"[..28];
        campaignBody["rules"]![0]!["id"] = $"fz_crule_{Guid.NewGuid():n}"[..24];
        // The campaign's example opens early for Gold and Platinum, which the program must have.
        (await admin.PutAsync("/v1/admin/tiers", Json(TierExamples.ReplaceTiers))).EnsureSuccessStatusCode();
        var rule = await Created(await admin.PostAsync("/v1/admin/rules", Json(ruleBody.ToJsonString())));
        var campaign = await Created(await admin.PostAsync("/v1/admin/campaigns", Json(campaignBody.ToJsonString())));

        var reward = await RewardAsync(admin);
        var coupon = await CouponAsync(admin);
        var codes = await CodesAsync(admin, coupon, 100);
        // A subscription whose URL nothing listens on (the tests' dispatcher never runs on its own), with a delivery
        // made by replaying the world's enrolments.
        var webhook = await Created(await admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "member.enrolled" } }));
        var webhookId = (string)webhook["id"]!;
        var now = app.Clock.GetUtcNow();
        (await admin.PostAsJsonAsync($"/v1/admin/webhooks/{webhookId}/replay", new { from = now.AddDays(-1), to = now.AddDays(1) })).EnsureSuccessStatusCode();
        var deliveries = JsonNode.Parse(await admin.GetStringAsync($"/v1/admin/webhooks/{webhookId}/deliveries"))!;
        var templateBody = JsonNode.Parse(MessageExamples.CreateTemplate)!;
        templateBody["id"] = $"fz-template-{Guid.NewGuid():n}"[..26];
        var template = await Created(await admin.PostAsync("/v1/admin/message-templates", Json(templateBody.ToJsonString())));
        // A signed ledger checkpoint, for the checkpoint endpoints to show.
        (await admin.PostAsync("/v1/admin/jobs/ledger-checkpoint/run", null)).EnsureSuccessStatusCode();

        var other = await OtherProgramAsync(app);
        var qrSecrets = await app.Db(db => db.Programs.Select(p => p.QrSecret).ToListAsync());
        var hashes = await app.Db(db => db.ApiKeys.Select(k => k.SecretHash).ToListAsync());
        return new SecurityWorld
        {
            App = app,
            Operations = operations,
            Keys = keys,
            Members = members,
            MemberEmails = emails,
            Purchases = purchases,
            StoreBPurchase = storeB,
            RuleId = (string)rule["id"]!,
            CampaignId = (string)campaign["id"]!,
            RewardId = reward,
            CouponId = coupon,
            Codes = codes,
            WebhookId = webhookId,
            WebhookDeliveryId = (string)deliveries["items"]![0]!["id"]!,
            TemplateId = (string)template["id"]!,
            OtherMember = other.Member,
            OtherPurchase = other.Purchase,
            OtherKeySecret = other.Secret,
            ForeignMarkers = [OtherProgramMarker, other.Member, other.Purchase, other.ProgramId],
            Secrets = [TreuApp.AdminKey, other.Secret, (string)webhook["secret"]!, .. qrSecrets, .. hashes],
        };
    }

    /// <summary>A code no request has used yet.</summary>
    public string NextCode() => Codes.Count > 0 ? Codes.Dequeue() : throw new InvalidOperationException("The world's coupon codes are used up: generate more.");

    /// <summary>A small PNG picture, as a reward's image.</summary>
    public static byte[] Png() => QRCoder.PngByteQRCodeHelper.GetQRCode("reward", QRCoder.QRCodeGenerator.ECCLevel.L, 4);

    /// <summary>An active reward from the reference's example, under a fresh id, with plenty of stock and a picture.</summary>
    public static async Task<string> RewardAsync(HttpClient admin)
    {
        var body = JsonNode.Parse(RewardExamples.CreateReward)!;
        body["id"] = $"fz-reward-{Guid.NewGuid():n}"[..24];
        body["stock"] = 10_000;
        var id = (string)(await Created(await admin.PostAsync("/v1/admin/rewards", Json(body.ToJsonString()))))["id"]!;
        await Succeeded(await admin.PostAsync($"/v1/admin/rewards/{id}/activate", null));
        await Succeeded(await admin.PutAsync($"/v1/admin/rewards/{id}/image", new ByteArrayContent(Png()) { Headers = { ContentType = new("image/png") } }));
        return id;
    }

    /// <summary>An active coupon campaign of unique codes, for anyone, without limits.</summary>
    public static async Task<string> CouponAsync(HttpClient admin)
    {
        var id = (string)(await Created(await admin.PostAsJsonAsync("/v1/admin/coupons",
            new { id = $"fz-coupon-{Guid.NewGuid():n}"[..24], name = "Fuzz coupon", kind = "amount_off", amount = 1m, membersOnly = false })))["id"]!;
        await Succeeded(await admin.PostAsync($"/v1/admin/coupons/{id}/activate", null));
        return id;
    }

    /// <summary><paramref name="count"/> fresh codes of a campaign, read back from its CSV export.</summary>
    public static async Task<Queue<string>> CodesAsync(HttpClient admin, string coupon, int count)
    {
        var before = new HashSet<string>(await ExportedCodesAsync(admin, coupon), StringComparer.Ordinal);
        await Created(await admin.PostAsJsonAsync($"/v1/admin/coupons/{coupon}/codes", new { count }));
        return new Queue<string>((await ExportedCodesAsync(admin, coupon)).Where(c => !before.Contains(c)));
    }

    private static async Task<IEnumerable<string>> ExportedCodesAsync(HttpClient admin, string coupon) =>
        (await admin.GetStringAsync($"/v1/admin/coupons/{coupon}/codes.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1)
            .Select(row => row.Split(',')[0]);

    private static async Task Succeeded(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"World set-up: expected success, got {(int)response.StatusCode}: {text}");
    }

    /// <summary>Every operation in the app's own OpenAPI document, with its request example.</summary>
    public static async Task<IReadOnlyList<Operation>> ReadOperationsAsync(HttpClient anonymous)
    {
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var operations = new List<Operation>();
        var schemas = document["components"]?["schemas"]?.AsObject() ?? [];
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var query = (operation!["parameters"]?.AsArray() ?? [])
                    .Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!).ToArray();
                var body = operation["requestBody"]?["content"]?["application/json"];
                operations.Add(new Operation(method.ToUpperInvariant(), path, query, body?["example"]?.DeepClone(), body?["schema"]?.DeepClone(), schemas));
            }
        }

        return operations.OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// A second program, made the way an operator's second tenant would be: its own program row, key, member and
    /// purchase. Its ids and marker must never appear in an answer to our keys.
    /// </summary>
    private static async Task<(string ProgramId, string Member, string Purchase, string Secret)> OtherProgramAsync(TreuApp app)
    {
        var secret = "treu_other_program_key_" + Guid.NewGuid().ToString("n");
        var programId = "prg_other" + Guid.NewGuid().ToString("n")[..11];
        var now = DateTime.UtcNow;
        now = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        await app.Db(async db =>
        {
            db.Programs.Add(new LoyaltyProgram
            {
                Id = programId,
                Name = OtherProgramMarker,
                QrSecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                CreatedAt = now,
                UpdatedAt = now,
            });
            db.ApiKeys.Add(new ApiKey
            {
                Id = "key_other" + Guid.NewGuid().ToString("n")[..11],
                ProgramId = programId,
                Name = OtherProgramMarker,
                Scope = "admin",
                Prefix = ApiKeySecrets.PrefixOf(secret),
                SecretHash = ApiKeySecrets.Hash(secret),
                CreatedAt = now,
                CreatedBy = "test",
            });
            return await db.SaveChangesAsync();
        });

        var client = app.Client(secret);
        var member = (string)(await Created(await client.PostAsJsonAsync("/v1/members",
            new { email = $"other-{Guid.NewGuid():n}"[..16] + "@example.de", firstName = OtherProgramMarker })))["id"]!;
        var purchase = (string)(await Created(await client.PostAsJsonAsync("/v1/transactions", new
        {
            memberId = member,
            externalId = $"R-other-{Guid.NewGuid():n}",
            currency = "EUR",
            lines = new[] { new { sku = OtherProgramMarker, name = OtherProgramMarker, quantity = 1m, unitPrice = 10m } },
        })))["id"]!;
        return (programId, member, purchase, secret);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonNode> Created(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"World set-up: expected 201, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public int LastRows { get; private set; }
    public long LastBytes { get; private set; }

    private System.Data.Common.DbConnection? _connection;
    private string? _everyTable;
    private string? _dataVersion;
    private string? _last;

    /// <summary>
    /// A digest of every row of every table: two equal digests mean no request in between changed anything.
    /// Tables are small in these tests, so reading them whole (one round trip, one connection kept open) is cheap
    /// and misses nothing; they are read again only when something may have been written since.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        if (_connection is null)
        {
            await using var scope = App.Host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TreuDbContext>();
            var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            _everyTable = string.Join(";\n", tables.Select(t => $"SELECT '{t}', * FROM \"{t}\""));
            _connection = db.IsPostgres
                ? new Npgsql.NpgsqlConnection(db.Database.GetConnectionString())
                : new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetConnectionString());
            await _connection.OpenAsync();
        }

        // A cheap sign that nothing was written: SQLite counts commits by other connections; PostgreSQL hands out
        // transaction ids only to transactions that write (on any database of the server, so this is conservative).
        // Unchanged, the last digest stands; changed, the tables are read again and compared.
        await using (var version = _connection.CreateCommand())
        {
            version.CommandText = _connection is Microsoft.Data.Sqlite.SqliteConnection
                ? "PRAGMA data_version"
                : "SELECT pg_snapshot_xmax(pg_current_snapshot())::text";
            var now = Convert.ToString(await version.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            if (now == _dataVersion && _last is not null)
            {
                return _last;
            }

            _dataVersion = now;
        }

        LastRows = 0;
        LastBytes = 0;
        await using var command = _connection.CreateCommand();
        command.CommandText = _everyTable;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.IsDBNull(i) ? "∅" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            LastRows += rows.Count;
            LastBytes += rows.Sum(r => r.Length);
            foreach (var row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            }

            hash.AppendData("--\n"u8);
        }
        while (await reader.NextResultAsync());

        return _last = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
