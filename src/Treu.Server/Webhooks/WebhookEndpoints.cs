using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Common;
using Treu.Server.Hosting;
using Treu.Server.Storage;

namespace Treu.Server.Webhooks;

public static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/v1/admin/webhooks").WithTags("Webhooks").RequireScopes(Scopes.Admin);
        webhooks.MapPost("", Create).WithName("createWebhook").AccessForAdmin(201)
            .WithSummary("Subscribe a URL to event types; the signing secret is shown once, in this answer")
            .WithDescription("Deliveries are signed as the Standard Webhooks specification says (docs/webhooks.md) and retried for at least 24 hours.")
            .WithRequestExample(WebhookExamples.Create).WithResponseExample(201, WebhookExamples.Created);
        webhooks.MapGet("", List).WithName("listWebhooks").AccessForAdmin(200).WithSummary("List the webhook subscriptions (never their secrets)")
            .WithResponseExample(200, WebhookExamples.List);
        webhooks.MapGet("/{id}", Get).WithName("getWebhook").AccessForAdmin(200).WithSummary("Read a webhook subscription")
            .WithResponseExample(200, WebhookExamples.Subscription);
        webhooks.MapPatch("/{id}", Update).WithName("updateWebhook").AccessForAdmin(200).Idempotent()
            .WithSummary("Change a subscription's URL, event types, description or status; only the fields sent change")
            .WithRequestExample(WebhookExamples.Update).WithResponseExample(200, WebhookExamples.Subscription);
        webhooks.MapDelete("/{id}", Delete).WithName("deleteWebhook").AccessForAdmin(204)
            .WithSummary("Delete a subscription; what was pending for it is dead-lettered").Produces(204);
        webhooks.MapPost("/{id}/rotate-secret", Rotate).WithName("rotateWebhookSecret").AccessForAdmin(200)
            .WithSummary("Change the signing secret; the previous one stays valid for a while (both signatures are sent)")
            .WithRequestExample(WebhookExamples.Rotate).WithResponseExample(200, WebhookExamples.Rotated);
        webhooks.MapGet("/{id}/deliveries", Deliveries).WithName("listWebhookDeliveries").AccessForAdmin(200)
            .WithSummary("The delivery log of a subscription, newest first: status, attempts, latency and the first bytes of the answer")
            .WithDescription("status: pending, delivered or dead. Cursor-paginated: pass nextCursor back as cursor.")
            .WithResponseExample(200, WebhookExamples.DeliveryPage);
        webhooks.MapPost("/{id}/replay", ReplayRange).WithName("replayWebhookRange").AccessForAdmin(200)
            .WithSummary("Send again every event of the subscription's types recorded in a time range")
            .WithRequestExample(WebhookExamples.ReplayRange).WithResponseExample(200, WebhookExamples.Replayed);

        var deliveries = app.MapGroup("/v1/admin/webhook-deliveries").WithTags("Webhooks").RequireScopes(Scopes.Admin);
        deliveries.MapGet("/{id}", GetDelivery).WithName("getWebhookDelivery").AccessForAdmin(200)
            .WithSummary("One delivery with every attempt").WithResponseExample(200, WebhookExamples.DeliveryDetail);
        deliveries.MapPost("/{id}/replay", Replay).WithName("replayWebhookDelivery").AccessForAdmin(201)
            .WithSummary("Send one delivery's event again, as a new delivery with the same webhook-id").WithResponseExample(201, WebhookExamples.Delivery);
    }

    private static async Task<Results<Created<CreatedWebhookView>, ProblemHttpResult>> Create(WebhookRequest body, HttpContext http, WebhookAdmin admin, CancellationToken ct)
    {
        if (WebhookAdmin.Check(body, creating: true).ToFailure() is { } invalid)
        {
            return Problems.For(invalid);
        }

        var created = await admin.CreateAsync(http.Caller(), body, ct);
        return created.Failure is { } refused ? Problems.For(refused) : TypedResults.Created($"/v1/admin/webhooks/{created.Value.Id}", created.Value);
    }

    private static async Task<Ok<WebhookView[]>> List(HttpContext http, TreuDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var now = clock.GetUtcNow().UtcDateTime;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.ProgramId == programId).OrderBy(s => s.Id)
            .Take(WebhookAdmin.MaxSubscriptionsPerProgram).ToListAsync(ct);
        return TypedResults.Ok(subscriptions.Select(s => WebhookView.From(s, now)).ToArray());
    }

    private static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> Get(string id, HttpContext http, TreuDbContext db, TimeProvider clock, CancellationToken ct) =>
        await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.ProgramId == http.Caller().ProgramId && s.Id == id, ct) is { } subscription
            ? TypedResults.Ok(WebhookView.From(subscription, clock.GetUtcNow().UtcDateTime))
            : Problems.For(WebhookErrors.NoSuchWebhook(id));

    private static async Task<Results<KeptOk<WebhookView>, ProblemHttpResult>> Update(string id, WebhookRequest body, HttpContext http, WebhookAdmin admin,
        IdempotentWrites writes)
    {
        if (WebhookAdmin.Check(body, creating: false).ToFailure() is { } invalid)
        {
            return Problems.For(invalid);
        }

        return await writes.ChangeAsync(http, body with { Secret = null }, [], ct => admin.UpdateAsync(http.Caller(), id, body, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, WebhookAdmin admin, CancellationToken ct) =>
        await admin.DeleteAsync(http.Caller(), id, ct) is { } failure ? Problems.For(failure) : TypedResults.NoContent();

    private static async Task<Results<Ok<RotatedSecretView>, ProblemHttpResult>> Rotate(string id, RotateSecretRequest body, HttpContext http, WebhookAdmin admin,
        CancellationToken ct)
    {
        var check = new Validation().Range("previousValidHours", body.PreviousValidHours, 0, 168);
        if (body.Secret is not null && !WebhookSignature.IsSecret(body.Secret))
        {
            check.Add("secret", "must be whsec_ followed by the base64 of 24 to 64 random bytes");
        }

        return check.ToFailure() is { } invalid ? Problems.For(invalid) : (await admin.RotateAsync(http.Caller(), id, body, ct)).ToOkOrProblem();
    }

    private static async Task<Results<Ok<DeliveryPage>, ProblemHttpResult>> Deliveries(string id, HttpContext http, TreuDbContext db, IOptions<LimitOptions> limits,
        string? status, string? cursor, int? limit, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var size = IdCursor.Size(limit, limits.Value.MaxPageSize);
        var after = IdCursor.Read(cursor);
        if ((size.Failure ?? after.Failure) is { } invalid)
        {
            return Problems.For(invalid);
        }

        if (status is not null and not (DeliveryStatus.Pending or DeliveryStatus.Delivered or DeliveryStatus.Dead))
        {
            return Problems.For(CommonErrors.InvalidField("status", "must be pending, delivered or dead"));
        }

        if (!await db.WebhookSubscriptions.AnyAsync(s => s.ProgramId == programId && s.Id == id, ct))
        {
            return Problems.For(WebhookErrors.NoSuchWebhook(id));
        }

        var before = after.Value;
        var page = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.ProgramId == programId && d.SubscriptionId == id && (status == null || d.Status == status) && (before == null || string.Compare(d.Id, before) < 0))
            .OrderByDescending(d => d.Id).Take(size.Value + 1).ToListAsync(ct);
        var next = page.Count > size.Value ? IdCursor.Of(page[size.Value - 1].Id) : null;
        return TypedResults.Ok(new DeliveryPage(page.Take(size.Value).Select(DeliveryView.From).ToList(), next));
    }

    private static async Task<Results<Ok<ReplayView>, ProblemHttpResult>> ReplayRange(string id, ReplayRangeRequest body, HttpContext http, WebhookAdmin admin,
        CancellationToken ct)
    {
        var check = new Validation();
        if (body.From is null)
        {
            check.Add("from", "is required");
        }

        if (body.To is null)
        {
            check.Add("to", "is required");
        }
        else if (body.From is { } start && body.To <= start)
        {
            check.Add("to", "must be after from");
        }

        return check.ToFailure() is { } invalid
            ? Problems.For(invalid)
            : (await admin.ReplayRangeAsync(http.Caller(), id, body.From!.Value.ToUniversalTime(), body.To!.Value.ToUniversalTime(), ct)).ToOkOrProblem();
    }

    private static async Task<Results<Ok<DeliveryDetailView>, ProblemHttpResult>> GetDelivery(string id, HttpContext http, TreuDbContext db, CancellationToken ct)
    {
        var programId = http.Caller().ProgramId;
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleOrDefaultAsync(d => d.ProgramId == programId && d.Id == id, ct);
        if (delivery is null)
        {
            return Problems.For(WebhookErrors.NoSuchDelivery(id));
        }

        var attempts = await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == id).OrderBy(a => a.Attempt)
            .Select(a => new AttemptView(a.Attempt, a.At, a.StatusCode, a.LatencyMs, a.Response)).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryDetailView(DeliveryView.From(delivery), attempts));
    }

    private static async Task<Results<Created<DeliveryView>, ProblemHttpResult>> Replay(string id, HttpContext http, WebhookAdmin admin, CancellationToken ct)
    {
        var replayed = await admin.ReplayAsync(http.Caller(), id, ct);
        return replayed.Failure is { } failure ? Problems.For(failure) : TypedResults.Created($"/v1/admin/webhook-deliveries/{replayed.Value.Id}", replayed.Value);
    }
}
