using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Treu.Load;

/// <summary>A member of the population, as the tills know them after enrolment.</summary>
public sealed record Member(string Id, string Email, string Card);

/// <summary>A purchase recorded during the run, kept so that a later request can bring one of its lines back.</summary>
public sealed record Receipt(string TransactionId, string Sku, string Quantity);

/// <summary>
/// What every till shares: one connection pool to the server, the demo keys, the pre-built baskets, the population,
/// and the receipts that may come back as returns.
/// </summary>
public sealed class Shop : IDisposable
{
    public const string PosKey = "treu_demo_pos_key";
    public const string AdminKey = "treu_demo_admin_key";
    private const int MaxReceiptsKept = 10_000;

    public Shop(Uri server, int connections, int seed)
    {
        Http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        })
        {
            BaseAddress = server,
            Timeout = TimeSpan.FromSeconds(30),
        };
        Baskets = Catalogue.Baskets(4096, new Random(seed));
        RedeemBaskets = Baskets.Where(b => b.Total >= 10).ToArray();
        // A tag per run keeps its e-mails, cards and receipt ids apart from any earlier run on the same server.
        RunTag = new Random(seed).Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);
    }

    public HttpClient Http { get; }

    public string RunTag { get; }

    public Basket[] Baskets { get; }

    /// <summary>Baskets of at least €10, so that the demo program (at most half the basket in points) lets 100 to 500 points be redeemed.</summary>
    public Basket[] RedeemBaskets { get; }

    public Member[] Population { get; set; } = [];

    public Member[] Funded { get; set; } = [];

    public ConcurrentQueue<Receipt> Receipts { get; } = new();

    private long _sequence;

    /// <summary>A number unique in this run, for receipt ids, idempotency keys and new e-mails.</summary>
    public long Next() => Interlocked.Increment(ref _sequence);

    public void Keep(Receipt receipt)
    {
        if (Receipts.Count < MaxReceiptsKept)
        {
            Receipts.Enqueue(receipt);
        }
    }

    public void Dispose() => Http.Dispose();
}

/// <summary>
/// One till: sends one request at a time with buffers of its own, so that a request costs the request message and
/// little else. The body is composed from pre-serialised baskets into a reused buffer.
/// </summary>
public sealed class Till(Shop shop, int seed)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly AuthenticationHeaderValue Pos = new("Bearer", Shop.PosKey);
    private static readonly AuthenticationHeaderValue Admin = new("Bearer", Shop.AdminKey);
    private static readonly string[] Stores = Enumerable.Range(1, 40).Select(i => $"store-{i:D3}").ToArray();
    private static readonly string[] Payments = ["card", "card", "card", "cash", "cash", "mobile"];

    private readonly Random _random = new(seed);
    private byte[] _request = new byte[16 * 1024];
    private int _length;
    private byte[] _response = new byte[32 * 1024];
    private int _responseLength;

    public Random Random => _random;

    /// <summary>One request of the given kind, recorded into <paramref name="into"/> (null: warm-up) with latency from <paramref name="intended"/>.</summary>
    public async Task RunAsync(Op op, Measurements? into, long intended)
    {
        Receipt? receipt = null;
        if (op == Op.Return && !shop.Receipts.TryDequeue(out receipt))
        {
            op = Op.Earn; // nothing bought yet that could come back
        }

        var (status, kind) = op switch
        {
            Op.Earn or Op.Redeem => await PurchaseAsync(op == Op.Redeem),
            Op.Balance => await GetAsync($"/v1/members/{AnyMember().Id}/balance"),
            Op.LookupCard => await GetAsync($"/v1/members/lookup?card={AnyMember().Card}"),
            Op.LookupEmail => await GetAsync($"/v1/members/lookup?email={Uri.EscapeDataString(AnyMember().Email)}"),
            Op.Return => await ReturnAsync(receipt!),
            Op.Enrol => await EnrolAsync($"n{shop.Next()}.{shop.RunTag}@load.treu.dev", $"LN{shop.RunTag}{shop.Next():D10}", null),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
        into?.Record(op, intended, Stopwatch.GetTimestamp(), Classify(op, status, kind), kind);
    }

    /// <summary>
    /// What counts as an error: no answer at all (connection failure, time-out), any 5xx, and any 4xx that a till
    /// following the API would not meet. The one refusal a real till meets under this mix is <c>insufficient_points</c>
    /// on a redemption (two tills spending the same member's points at once): it is counted as refused, not as an error.
    /// </summary>
    public static Verdict Classify(Op op, int status, string? code) => status switch
    {
        >= 200 and < 300 => Verdict.Ok,
        422 when op == Op.Redeem && code == "insufficient_points" => Verdict.Refused,
        _ => Verdict.Error,
    };

    /// <summary>Enrols one member; returns their id, or null (with the status) when the server refused.</summary>
    public async Task<(int Status, string? Kind, string? Id)> EnrolMemberAsync(string email, string card, DateOnly? birthDate)
    {
        var (status, kind) = await EnrolAsync(email, card, birthDate);
        return (status, kind, status == 201 ? ReadString("id") : null);
    }

    public async Task<(int Status, string? Kind)> AdjustAsync(string memberId, long points)
    {
        Begin();
        Append("{\"points\":");
        Append(points.ToString(CultureInfo.InvariantCulture));
        Append(",\"reason\":\"Opening balance (load benchmark)\"}");
        return await SendAsync(HttpMethod.Post, $"/v1/members/{memberId}/adjustments", Admin, idempotent: true);
    }

    public async Task<bool> VerifyLedgerAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/ledger/verify");
        request.Headers.Authorization = Admin;
        using var response = await shop.Http.SendAsync(request);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return response.IsSuccessStatusCode && document.RootElement.GetProperty("ok").GetBoolean();
    }

    private Member AnyMember() => shop.Population[_random.Next(shop.Population.Length)];

    private async Task<(int, string?)> PurchaseAsync(bool redeem)
    {
        var member = redeem && shop.Funded.Length > 0 ? shop.Funded[_random.Next(shop.Funded.Length)] : AnyMember();
        var basket = redeem ? shop.RedeemBaskets[_random.Next(shop.RedeemBaskets.Length)] : shop.Baskets[_random.Next(shop.Baskets.Length)];
        Begin();
        Append("{\"memberId\":\"");
        Append(member.Id);
        Append("\",\"externalId\":\"R-");
        Append(shop.RunTag);
        Append("-");
        Append(shop.Next().ToString(CultureInfo.InvariantCulture));
        Append("\",\"storeId\":\"");
        Append(Stores[_random.Next(Stores.Length)]);
        Append("\",\"currency\":\"EUR\",\"paymentMethods\":[\"");
        Append(Payments[_random.Next(Payments.Length)]);
        Append("\"]");
        if (redeem)
        {
            // 100 to 500 points in steps of 10, never more than half the basket (the demo program's limit).
            var most = Math.Min(500, (long)(basket.Total * 50));
            Append(",\"redeemPoints\":");
            Append((10 * _random.NextInt64(10, most / 10 + 1)).ToString(CultureInfo.InvariantCulture));
        }

        Append(",\"lines\":");
        Append(basket.LinesJson);
        Append("}");
        var result = await SendAsync(HttpMethod.Post, "/v1/transactions", Pos, idempotent: true);
        if (result.Status == 201 && !redeem && ReadString("id") is { } id)
        {
            shop.Keep(new Receipt(id, basket.ReturnSku, basket.ReturnQuantity));
        }

        return result;
    }

    private async Task<(int, string?)> ReturnAsync(Receipt receipt)
    {
        Begin();
        Append("{\"externalId\":\"RET-");
        Append(shop.RunTag);
        Append("-");
        Append(shop.Next().ToString(CultureInfo.InvariantCulture));
        Append("\",\"lines\":[{\"sku\":\"");
        Append(receipt.Sku);
        Append("\",\"quantity\":");
        Append(receipt.Quantity);
        Append("}],\"reason\":\"Customer changed their mind\"}");
        return await SendAsync(HttpMethod.Post, $"/v1/transactions/{receipt.TransactionId}/returns", Pos, idempotent: true);
    }

    private async Task<(int, string?)> EnrolAsync(string email, string card, DateOnly? birthDate)
    {
        Begin();
        Append("{\"email\":\"");
        Append(email);
        Append("\",\"firstName\":\"Load\",\"lastName\":\"Tester\",\"language\":\"");
        Append(_random.Next(4) == 0 ? "en" : "de");
        Append("\",\"cards\":[\"");
        Append(card);
        Append("\"]");
        if (birthDate is { } born)
        {
            Append(",\"birthDate\":\"");
            Append(born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Append("\"");
        }

        Append(",\"consents\":[{\"purpose\":\"terms\",\"granted\":true,\"textVersion\":\"2026-01\"}]}");
        return await SendAsync(HttpMethod.Post, "/v1/members", Pos, idempotent: true);
    }

    private async Task<(int, string?)> GetAsync(string path)
    {
        _length = 0;
        return await SendAsync(HttpMethod.Get, path, Pos, idempotent: false);
    }

    private async Task<(int Status, string? Kind)> SendAsync(HttpMethod method, string path, AuthenticationHeaderValue key, bool idempotent)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = key;
            if (idempotent)
            {
                // A till sends a fresh key per request and would resend it unchanged on a retry.
                request.Headers.TryAddWithoutValidation("Idempotency-Key", $"{shop.RunTag}-{shop.Next()}");
            }

            if (_length > 0)
            {
                request.Content = new ByteArrayContent(_request, 0, _length);
                request.Content.Headers.ContentType = Json;
            }

            using var response = await shop.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            _responseLength = 0;
            int read;
            while ((read = await body.ReadAsync(_response.AsMemory(_responseLength))) > 0)
            {
                _responseLength += read;
                if (_responseLength == _response.Length)
                {
                    Array.Resize(ref _response, _response.Length * 2);
                }
            }

            var status = (int)response.StatusCode;
            return (status, status is >= 200 and < 300 ? null : $"{status} {ReadString("code") ?? "(no code)"}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, e is TaskCanceledException ? "time-out (30 s)" : $"{e.GetType().Name}: {e.GetBaseException().Message}");
        }
    }

    /// <summary>A top-level string property of the last answer (the id of what was created, the code of a problem).</summary>
    private string? ReadString(string property)
    {
        try
        {
            var reader = new Utf8JsonReader(_response.AsSpan(0, _responseLength));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var match = reader.ValueTextEquals(property);
                reader.Read();
                if (match)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private void Begin() => _length = 0;

    private void Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _request.AsSpan(_length));
    }

    private void Append(byte[] bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_request.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more > _request.Length)
        {
            Array.Resize(ref _request, Math.Max(_request.Length * 2, _length + more));
        }
    }
}
