using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Server.Events;
using Treu.Server.Jobs;
using Treu.Server.Storage;

namespace Treu.Server.Webhooks;

/// <summary>
/// Sends due webhook deliveries: claims a batch (a short transaction; PostgreSQL skips what another node is claiming),
/// sends them side by side with a time-out each, and records every attempt. At least once: a node that dies with a claim
/// lets it lapse, and another sends it again, with the same <c>webhook-id</c> for the receiver to drop. In order per
/// member: a member's delivery waits while an earlier one to the same subscription is pending. Nothing here runs inside a
/// purchase: a receiver that is down or slow delays only its own deliveries.
/// </summary>
public sealed class WebhookDispatcher(TreuDbContext db, WriteTransaction tx, IHttpClientFactory http, TimeProvider clock, IOptions<TreuOptions> options,
    ILogger<WebhookDispatcher> log) : IJob
{
    public const string JobName = "webhooks";
    public const string HttpClientName = "webhooks";

    /// <summary>Deliveries claimed at once.</summary>
    public const int BatchSize = 200;

    /// <summary>Retries go on until this long after the first attempt; the first failure after it makes the delivery dead.</summary>
    public static readonly TimeSpan RetryFor = TimeSpan.FromHours(24);

    /// <summary>The most bytes of a receiver's answer kept in the log.</summary>
    public const int AnswerBytesKept = 1024;

    public string Name => JobName;

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: 5 s, 15 s, 45 s … three times longer each time, at most 8 hours.</summary>
    public static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(3, attempt - 1), TimeSpan.FromHours(8).TotalSeconds));

    public async Task<JobRun> RunAsync(CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var sent = 0;
        while (!ct.IsCancellationRequested)
        {
            var claimed = await ClaimAsync(ct);
            if (claimed.Count == 0)
            {
                break;
            }

            var outcomes = await SendAllAsync(claimed, ct);
            await RecordAsync(outcomes, ct);
            sent += outcomes.Count;
            if (claimed.Count < BatchSize)
            {
                break;
            }
        }

        return new JobRun(JobName, sent, started);
    }

    /// <summary>A claimed delivery with what it needs to be sent: its event and its subscription's URL and secrets.</summary>
    private sealed record Claimed(string DeliveryId, string Url, IReadOnlyList<string> Secrets, string EventId, byte[] Body);

    private sealed record Outcome(string DeliveryId, DateTime At, int? Status, int LatencyMs, string? Answer);

    private async Task<List<Claimed>> ClaimAsync(CancellationToken ct) => await tx.RunAloneAsync(async token =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Dialect.DueDeliveriesAsync(db, now, BatchSize, token);
        if (due.Count == 0)
        {
            return [];
        }

        // Long enough for the whole batch, sent Concurrency at a time, each waiting its time-out at worst: a claim that
        // lapsed while this node is still sending would let another node send the same delivery again.
        var settings = options.Value.Webhooks;
        var claimFor = settings.Timeout * Math.Ceiling((double)due.Count / settings.Concurrency) + TimeSpan.FromSeconds(30);
        var subscriptionIds = due.Select(d => d.SubscriptionId).Distinct().ToList();
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => subscriptionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, token);
        var eventIds = due.Select(d => d.EventId).Distinct().ToList();
        var events = await db.DomainEvents.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, token);
        var claimed = new List<Claimed>();
        foreach (var delivery in due)
        {
            if (!subscriptions.TryGetValue(delivery.SubscriptionId, out var subscription) || !events.TryGetValue(delivery.EventId, out var e))
            {
                delivery.Status = DeliveryStatus.Dead;
                delivery.LastResponse = "The subscription or the event no longer exists.";
                continue;
            }

            if (subscription.Status != WebhookStatus.Active)
            {
                // A disabled subscription keeps its deliveries waiting, in order, until it is active again.
                delivery.NextAttemptAt = now + TimeSpan.FromMinutes(1);
                continue;
            }

            delivery.ClaimedUntil = now + claimFor;
            claimed.Add(new Claimed(delivery.Id, subscription.Url, subscription.SecretsAt(now).ToList(), e.Id, Envelope(e)));
        }

        return claimed;
    }, _ => true, ct);

    /// <summary>The body a receiver gets: the event's row as the envelope, its payload as <c>data</c>. The same bytes on every attempt.</summary>
    public static byte[] Envelope(DomainEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", e.Id);
            json.WriteString("type", e.Type);
            json.WriteString("occurredAt", e.OccurredAt);
            if (e.MemberId is null)
            {
                json.WriteNull("memberId");
                json.WriteNull("sequence");
            }
            else
            {
                json.WriteString("memberId", e.MemberId);
                json.WriteNumber("sequence", e.MemberSeq ?? 0);
            }

            json.WritePropertyName("data");
            json.WriteRawValue(e.Payload, skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task<List<Outcome>> SendAllAsync(List<Claimed> claimed, CancellationToken ct)
    {
        var outcomes = new Outcome[claimed.Count];
        var client = http.CreateClient(HttpClientName);
        await Parallel.ForEachAsync(Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Webhooks.Concurrency, CancellationToken = ct },
            async (i, token) => outcomes[i] = await SendAsync(client, claimed[i], token));
        return [.. outcomes];
    }

    private async Task<Outcome> SendAsync(HttpClient client, Claimed delivery, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var timestamp = at.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(delivery.Secrets, delivery.EventId, timestamp, delivery.Body));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Webhooks.Timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = await FirstBytesAsync(response, timeout.Token);
            return new Outcome(delivery.DeliveryId, at.UtcDateTime, (int)response.StatusCode, (int)watch.ElapsedMilliseconds, answer);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            var why = e is OperationCanceledException ? $"No answer within {options.Value.Webhooks.Timeout.TotalSeconds:0} s." : e.Message;
            return new Outcome(delivery.DeliveryId, at.UtcDateTime, null, (int)watch.ElapsedMilliseconds, why.Length > AnswerBytesKept ? why[..AnswerBytesKept] : why);
        }
    }

    private static async Task<string> FirstBytesAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[AnswerBytesKept];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is > 0 and var n)
        {
            read += n;
        }

        // Cut at a character boundary, and without control characters a log reader would trip on.
        var text = Encoding.UTF8.GetString(buffer, 0, read).TrimEnd('\uFFFD');
        return new string(text.Select(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') ? '?' : c).ToArray());
    }

    private async Task RecordAsync(List<Outcome> outcomes, CancellationToken ct) => await tx.RunAloneAsync(async token =>
    {
        var ids = outcomes.Select(o => o.DeliveryId).ToList();
        var deliveries = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, token);
        foreach (var outcome in outcomes)
        {
            var delivery = deliveries[outcome.DeliveryId];
            var settled = delivery.Status != DeliveryStatus.Pending;
            delivery.Attempts++;
            delivery.FirstAttemptAt ??= outcome.At;
            delivery.LastAttemptAt = outcome.At;
            delivery.LastStatusCode = outcome.Status;
            delivery.LastLatencyMs = outcome.LatencyMs;
            delivery.LastResponse = outcome.Answer;
            delivery.ClaimedUntil = null;
            if (settled)
            {
                // Another node sent it meanwhile (this node's claim had lapsed): its outcome stands; this attempt is only logged.
            }
            else if (outcome.Status is >= 200 and < 300)
            {
                delivery.Status = DeliveryStatus.Delivered;
                delivery.DeliveredAt = outcome.At;
            }
            else if (outcome.At - delivery.FirstAttemptAt >= RetryFor)
            {
                delivery.Status = DeliveryStatus.Dead;
                log.LogWarning("Webhook delivery {Delivery} to subscription {Subscription} is dead after {Attempts} attempts", delivery.Id, delivery.SubscriptionId,
                    delivery.Attempts);
            }
            else
            {
                delivery.NextAttemptAt = outcome.At + Backoff(delivery.Attempts);
            }

            db.WebhookAttempts.Add(new WebhookAttempt
            {
                ProgramId = delivery.ProgramId,
                DeliveryId = delivery.Id,
                Attempt = delivery.Attempts,
                At = outcome.At,
                StatusCode = outcome.Status,
                LatencyMs = outcome.LatencyMs,
                Response = outcome.Answer,
            });
        }

        return 0;
    }, _ => true, ct);
}
