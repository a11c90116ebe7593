using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Treu.Invariant.Workload;

/// <summary>How one attempt misbehaves on the client side.</summary>
public abstract record Chaos
{
    /// <summary>Waits for the answer, up to a generous limit.</summary>
    public sealed record Patient : Chaos;

    /// <summary>Gives up after a short time, as a till with a tight time-out does.</summary>
    public sealed record TimeOut(int Millis) : Chaos;

    /// <summary>Hangs up this long after the request has been sent, before the answer.</summary>
    public sealed record Disconnect(int Millis) : Chaos;
}

/// <summary>HTTP to one server node, one attempt at a time, recording what came back.</summary>
public sealed class NodeClient(string name, Uri baseAddress) : IDisposable
{
    private static readonly TimeSpan PatientLimit = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        PooledConnectionLifetime = TimeSpan.FromSeconds(30),
        MaxConnectionsPerServer = 64,
    })
    {
        BaseAddress = baseAddress,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public string Name => name;

    public async Task<Attempt> PostAsync(string path, string body, string apiKey, string idempotencyKey, Chaos chaos, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var content = new SentSignal(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        switch (chaos)
        {
            case Chaos.TimeOut t:
                cts.CancelAfter(t.Millis);
                break;
            case Chaos.Disconnect d:
                _ = content.Sent.ContinueWith(_ => cts.CancelAfter(d.Millis), TaskScheduler.Default);
                cts.CancelAfter(PatientLimit);
                break;
            default:
                cts.CancelAfter(PatientLimit);
                break;
        }

        var label = chaos switch
        {
            Chaos.TimeOut t => $"timeout {t.Millis} ms",
            Chaos.Disconnect d => $"disconnect {d.Millis} ms after sending",
            _ => "patient",
        };
        try
        {
            using var response = await _http.SendAsync(request, cts.Token);
            var text = await response.Content.ReadAsStringAsync(cts.Token);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return new Attempt(name, AttemptResult.ServerError, status, CodeOf(text), false, text, label);
            }

            var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");
            return new Attempt(name, AttemptResult.Answered, status, status >= 400 ? CodeOf(text) : null, replayed, text, label);
        }
        catch (HttpRequestException e) when (!content.Sent.IsCompleted && e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return new Attempt(name, AttemptResult.NotDelivered, 0, null, false, null, label);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return new Attempt(name, AttemptResult.NoAnswer, 0, e.GetType().Name, false, null, label);
        }
    }

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string apiKey, string? body, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _http.SendAsync(request, cts.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
    }

    public void Dispose() => _http.Dispose();

    private static string? CodeOf(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A body that says when it has been written to the connection, so a client can hang up after sending.</summary>
    private sealed class SentSignal(byte[] bytes) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Sent => _sent.Task;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(bytes, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _sent.TrySetResult();
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
