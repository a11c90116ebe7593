using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Treu.Api.Tests.Webhooks;

/// <summary>
/// A retailer's system on a real port: it checks each request's Standard Webhooks signature with the secrets it was given
/// (as a receiver would, with its own HMAC, not Treu's code), answers 503 while it is down, and keeps what it received,
/// so that a spec can count duplicates and see the order.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();
    private volatile string[] _secrets = [];

    /// <summary>A request as it arrived: the webhook-id, whether a signature matched one of the secrets, the body.</summary>
    public sealed record Received(string Id, bool SignatureValid, int Signatures, JsonNode Body, string Raw);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>While true, every request is answered 503 and not counted as received.</summary>
    public bool Down { get; set; }

    /// <summary>How long the receiver takes before it answers (a slow CRM).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request that found the receiver up, in the order they came (duplicates included), signed well or not.</summary>
    public IReadOnlyList<Received> Arrived => [.. _received];

    /// <summary>Every request, accepted or not.</summary>
    public int Requests => _requests;

    private int _requests;

    public void Trust(params string[] secrets) => _secrets = secrets;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        Interlocked.Increment(ref _requests);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        await Task.Delay(Delay, http.RequestAborted);
        if (Down)
        {
            return Results.Text("down for maintenance", statusCode: 503);
        }

        var raw = buffer.ToArray();
        var id = http.Request.Headers["webhook-id"].ToString();
        var timestamp = http.Request.Headers["webhook-timestamp"].ToString();
        var signatures = http.Request.Headers["webhook-signature"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var valid = _secrets.Any(secret => signatures.Contains("v1," + Sign(secret, id, timestamp, raw)));
        var text = Encoding.UTF8.GetString(raw);
        _received.Enqueue(new Received(id, valid, signatures.Length, JsonNode.Parse(text)!, text));
        return valid ? Results.Json(new { ok = true }) : Results.Text("bad signature", statusCode: 401);
    }

    /// <summary>The signature as the specification defines it: HMAC-SHA256 over "id.timestamp.body" with the base64 key after whsec_.</summary>
    private static string Sign(string secret, string id, string timestamp, byte[] body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(body).ToArray();
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
