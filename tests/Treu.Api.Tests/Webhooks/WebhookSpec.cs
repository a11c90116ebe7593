using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Webhooks;

/// <summary>
/// Webhooks as the retailer's CRM sees them: a real HTTP receiver on a port of its own that checks the Standard Webhooks
/// signature, is down on purpose and counts duplicates. The background timers are off in the tests; each spec runs the
/// event router and the dispatcher through the admin API, as an operator can, with the test clock moving the back-off on.
/// </summary>
public abstract class WebhookSpec(TreuApp app) : ApiSpec(app)
{
    [Fact]
    public async Task A_receiver_gets_each_event_of_its_types_once_signed_and_in_the_members_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver, "member.enrolled", "purchase.recorded", "points.earned");
        var member = await EnrolId();
        var purchase = await Purchase(Admin, member, [Line("SKU-1", 1, 25.00m)]);

        var received = await DeliverUntil(receiver, member, 3);

        Assert.All(received, r => Assert.True(r.SignatureValid, $"Signature of {r.Id} did not verify"));
        Assert.Equal(["member.enrolled", "purchase.recorded", "points.earned"], received.Select(r => (string)r.Body["type"]!));
        Assert.Equal([1L, 2L, 3L], received.Select(r => r.Body.Long("sequence")));
        Assert.All(received, r => Assert.Equal(r.Id, (string)r.Body["id"]!));
        Assert.Equal((string)purchase["id"]!, (string)received[1].Body["data"]!["purchaseId"]!);
        Assert.Equal(25, received[2].Body.Long("data.points"));
        Assert.Equal("pending", (string)received[2].Body["data"]!["status"]!);

        var log = await Admin.GetJson($"/v1/admin/webhooks/{hook}/deliveries?status=delivered");
        var delivery = log["items"]!.AsArray().Single(d => (string)d!["eventId"]! == received[1].Id)!;
        Assert.Equal(200, (int)delivery["lastStatusCode"]!);
        Assert.Equal("""{"ok":true}""", (string)delivery["lastResponse"]!);
        Assert.Equal(1, (int)delivery["attempts"]!);
        Assert.NotNull(delivery["lastLatencyMs"]);
    }

    [Fact]
    public async Task Events_of_other_types_and_of_before_the_subscription_are_not_sent()
    {
        var before = await EnrolId();
        await using var receiver = await WebhookReceiver.StartAsync();
        await Subscribe(receiver, "purchase.recorded");
        var member = await EnrolId();
        await Purchase(Admin, member, [Line("SKU-1", 1, 10.00m)]);
        await Purchase(Admin, before, [Line("SKU-1", 1, 10.00m)]);

        var received = await DeliverUntil(receiver, member, 1);

        Assert.Equal("purchase.recorded", (string)Assert.Single(received).Body["type"]!);
        Assert.Single(await DeliverUntil(receiver, before, 1));
        Assert.DoesNotContain(receiver.Arrived, r => (string?)r.Body["type"] == "member.enrolled");
    }

    [Fact]
    public async Task A_receiver_down_for_an_hour_gets_everything_once_and_in_order_when_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver, "*");
        receiver.Down = true;
        var members = await EnrolIds(3);
        foreach (var member in members)
        {
            await Purchase(Admin, member, [Line("SKU-1", 2, 5.00m)]);
            await Credit(member, 100);
        }

        for (var minute = 0; minute < 60; minute += 5)
        {
            await RunJobs();
            App.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.True(receiver.Requests >= 3, "The dispatcher should have tried while the receiver was down");
        Assert.Empty(receiver.Arrived);
        var waiting = await Admin.GetJson($"/v1/admin/webhooks/{hook}/deliveries?status=pending");
        var first = waiting["items"]!.AsArray().First(d => members.Contains((string)d!["memberId"]!) && (int)d!["attempts"]! > 0)!;
        var detail = await Admin.GetJson($"/v1/admin/webhook-deliveries/{first["id"]}");
        Assert.All(detail["attempts"]!.AsArray(), a => Assert.Equal(503, (int)a!["statusCode"]!));
        Assert.Equal("down for maintenance", (string)detail["attempts"]![0]!["response"]!);

        receiver.Down = false;
        App.Clock.Advance(TimeSpan.FromHours(2));
        foreach (var member in members)
        {
            // member.enrolled, purchase.recorded, points.earned (purchase), points.earned (credit)
            var received = await DeliverUntil(receiver, member, 4);
            Assert.Equal([1L, 2L, 3L, 4L], received.Select(r => r.Body.Long("sequence")));
        }

        Assert.Equal(receiver.Arrived.Count, receiver.Arrived.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_delivery_that_fails_for_a_day_is_dead_and_a_replay_sends_it_again_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver, "member.enrolled");
        receiver.Down = true;
        var member = await EnrolId();

        JsonNode? delivery = null;
        for (var round = 0; round < 40 && delivery?["status"]?.GetValue<string>() != "dead"; round++)
        {
            await RunJobs();
            delivery = await DeliveryOf(hook, member);
            App.Clock.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal("dead", (string)delivery!["status"]!);
        Assert.InRange((int)delivery["attempts"]!, 6, 20);
        var detail = await Admin.GetJson($"/v1/admin/webhook-deliveries/{delivery["id"]}");
        var attempts = detail["attempts"]!.AsArray();
        var span = DateTime.Parse((string)attempts[^1]!["at"]!) - DateTime.Parse((string)attempts[0]!["at"]!);
        Assert.True(span >= TimeSpan.FromHours(24), $"Retried for only {span}");

        receiver.Down = false;
        var replay = await (await Admin.Post($"/v1/admin/webhook-deliveries/{delivery["id"]}/replay", new { })).Json(HttpStatusCode.Created);
        Assert.Equal((string)delivery["id"]!, (string)replay["replayOf"]!);

        var received = Assert.Single(await DeliverUntil(receiver, member, 1));
        Assert.Equal((string)delivery["eventId"]!, received.Id);
        Assert.True(received.SignatureValid);
    }

    [Fact]
    public async Task A_replay_of_a_time_range_sends_the_events_of_that_range_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver, "purchase.recorded");
        var member = await EnrolId();
        var from = App.Clock.GetUtcNow();
        await Purchase(Admin, member, [Line("SKU-1", 1, 10.00m)]);
        App.Clock.Advance(TimeSpan.FromHours(1));
        var to = App.Clock.GetUtcNow();
        await Purchase(Admin, member, [Line("SKU-1", 1, 20.00m)]);
        var firstTwo = await DeliverUntil(receiver, member, 2);

        var replayed = await (await Admin.Post($"/v1/admin/webhooks/{hook}/replay", new { from, to })).Json(HttpStatusCode.OK);

        Assert.True(replayed.Long("replayed") >= 1);
        var all = await DeliverUntil(receiver, member, 3);
        Assert.Equal(firstTwo[0].Id, all[2].Id);
        Assert.Equal(firstTwo[0].Raw, all[2].Raw);
    }

    [Fact]
    public async Task During_a_secret_rotation_deliveries_carry_both_signatures_and_afterwards_only_the_new_one()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var created = await (await Admin.Post("/v1/admin/webhooks", new { url = receiver.Url, eventTypes = new[] { "points.earned" } })).Json(HttpStatusCode.Created);
        var (hook, oldSecret) = ((string)created["id"]!, (string)created["secret"]!);
        var rotated = await (await Admin.Post($"/v1/admin/webhooks/{hook}/rotate-secret", new { previousValidHours = 24 })).Json(HttpStatusCode.OK);
        var newSecret = (string)rotated["secret"]!;
        Assert.NotEqual(oldSecret, newSecret);
        var member = await EnrolId();

        receiver.Trust(oldSecret);
        await Credit(member, 10);
        var during = Assert.Single(await DeliverUntil(receiver, member, 1));
        Assert.True(during.SignatureValid, "A receiver that still has the old secret accepts a delivery during the rotation");
        Assert.Equal(2, during.Signatures);

        App.Clock.Advance(TimeSpan.FromHours(25));
        receiver.Trust(newSecret);
        await Credit(member, 20);
        var after = (await DeliverUntil(receiver, member, 2))[1];
        Assert.True(after.SignatureValid);
        Assert.Equal(1, after.Signatures);

        var view = await Admin.GetJson($"/v1/admin/webhooks/{hook}");
        Assert.Null(view["secret"]);
        Assert.Null(view["previousSecretValidUntil"]);
    }

    [Fact]
    public async Task Two_dispatchers_at_once_send_each_delivery_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await Subscribe(receiver, "points.earned");
        var members = await EnrolIds(6);
        foreach (var member in members)
        {
            for (var i = 1; i <= 5; i++)
            {
                await Credit(member, i);
            }
        }

        var second = App.StartHost();
        for (var round = 0; round < 20 && Mine(receiver, members).Count < 30; round++)
        {
            await Task.WhenAll(RunJobs(App.Host), RunJobs(second), RunJobs(App.Host), RunJobs(second));
        }

        var received = Mine(receiver, members);
        Assert.Equal(30, received.Count);
        Assert.Equal(30, received.Select(r => r.Id).Distinct().Count());
        foreach (var member in members)
        {
            Assert.Equal([1L, 2L, 3L, 4L, 5L], received.Where(r => (string)r.Body["memberId"]! == member).Select(r => r.Body.Long("data.points")));
        }
    }

    [Fact]
    public async Task A_slow_receiver_times_out_in_the_log_and_purchases_go_on_meanwhile()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var hook = await Subscribe(receiver, "purchase.recorded");
        var member = await EnrolId();
        await Purchase(Admin, member, [Line("SKU-1", 1, 10.00m)]);
        receiver.Delay = TimeSpan.FromSeconds(30);
        var impatient = App.StartHost(b => b.UseSetting("Treu:Webhooks:Timeout", "00:00:03"));

        var dispatching = RunJobs(impatient);
        var purchase = await Purchase(Admin, member, [Line("SKU-1", 1, 20.00m)]);
        Assert.False(dispatching.IsCompleted, "The purchase was answered while a delivery waited for the slow receiver");
        await dispatching;

        var log = (await Admin.GetJson($"/v1/admin/webhooks/{hook}/deliveries"))["items"]!.AsArray();
        var first = log.Single(d => (string?)d!["memberId"] == member && (int)d!["attempts"]! > 0)!;
        Assert.Equal("pending", (string)first["status"]!);
        Assert.Null(first["lastStatusCode"]);
        Assert.Equal("No answer within 3 s.", (string)first["lastResponse"]!);
        Assert.NotNull(purchase["id"]);
    }

    [Fact]
    public async Task Bad_subscriptions_are_refused_with_their_codes_and_secrets_are_shown_only_once()
    {
        var count = (await Admin.GetJson("/v1/admin/webhooks")).AsArray().Count;

        var badUrl = await Admin.Post("/v1/admin/webhooks", new { url = "ftp://crm.example.de/hook", eventTypes = new[] { "member.enrolled" } });
        var problem = await badUrl.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.NotNull(problem["errors"]!["url"]);
        var badType = await Admin.Post("/v1/admin/webhooks", new { url = "https://crm.example.de/hook", eventTypes = new[] { "member.married" } });
        Assert.NotNull((await badType.Problem(HttpStatusCode.BadRequest, "validation_failed"))["errors"]!["eventTypes[0]"]);
        var badSecret = await Admin.Post("/v1/admin/webhooks", new { url = "https://crm.example.de/hook", eventTypes = new[] { "*" }, secret = "hunter2" });
        await badSecret.Problem(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(count, (await Admin.GetJson("/v1/admin/webhooks")).AsArray().Count);

        await (await Admin.GetAsync("/v1/admin/webhooks/whk_nope", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "webhook_not_found");
        await (await Admin.GetAsync("/v1/admin/webhook-deliveries/whd_nope", TestContext.Current.CancellationToken))
            .Problem(HttpStatusCode.NotFound, "delivery_not_found");
        var till = await Till();
        var forbidden = await till.Post("/v1/admin/webhooks", new { url = "https://crm.example.de/hook", eventTypes = new[] { "*" } });
        await forbidden.Problem(HttpStatusCode.Forbidden, "forbidden_scope");

        var created = await (await Admin.Post("/v1/admin/webhooks", new { url = "https://crm.example.de/hook", eventTypes = new[] { "*" } })).Json(HttpStatusCode.Created);
        Assert.StartsWith("whsec_", (string)created["secret"]!);
        var listed = (await Admin.GetJson("/v1/admin/webhooks")).AsArray().Single(s => (string)s!["id"]! == (string)created["id"]!)!;
        Assert.Null(listed["secret"]);
        Assert.DoesNotContain((string)created["secret"]!, listed.ToJsonString(), StringComparison.Ordinal);

        var deleted = await Admin.DeleteAsync($"/v1/admin/webhooks/{created["id"]}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await Admin.GetAsync($"/v1/admin/webhooks/{created["id"]}", TestContext.Current.CancellationToken)).Problem(HttpStatusCode.NotFound, "webhook_not_found");
    }

    private async Task<string> Subscribe(WebhookReceiver receiver, params string[] eventTypes)
    {
        var created = await (await Admin.Post("/v1/admin/webhooks", new { url = receiver.Url, eventTypes })).Json(HttpStatusCode.Created);
        receiver.Trust((string)created["secret"]!);
        return (string)created["id"]!;
    }

    /// <summary>The event router, then the dispatcher, on a host, as the background timers would run them.</summary>
    private async Task RunJobs(WebApplicationFactory<Program>? host = null)
    {
        var admin = host is null ? Admin : TreuApp.Client(host, TreuApp.AdminKey);
        await (await admin.Post("/v1/admin/jobs/event-router/run", new { })).Json(HttpStatusCode.OK);
        await (await admin.Post("/v1/admin/jobs/webhooks/run", new { })).Json(HttpStatusCode.OK);
    }

    /// <summary>
    /// Runs the jobs until the receiver has <paramref name="count"/> events of the member. On PostgreSQL the router waits
    /// for every older transaction of the server (other tests' too) to end, so one run may not be enough.
    /// </summary>
    private async Task<List<WebhookReceiver.Received>> DeliverUntil(WebhookReceiver receiver, string member, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Mine(receiver, [member]).Count < count && DateTime.UtcNow < deadline)
        {
            await RunJobs();
        }

        var received = Mine(receiver, [member]);
        Assert.Equal(count, received.Count);
        return received;
    }

    private static List<WebhookReceiver.Received> Mine(WebhookReceiver receiver, IReadOnlyCollection<string> members) =>
        receiver.Arrived.Where(r => members.Contains((string?)r.Body["memberId"] ?? "")).ToList();

    private async Task<JsonNode?> DeliveryOf(string hook, string member) =>
        (await Admin.GetJson($"/v1/admin/webhooks/{hook}/deliveries"))["items"]!.AsArray().FirstOrDefault(d => (string?)d!["memberId"] == member);
}

public sealed class WebhookOnSqlite(SqliteApp app) : WebhookSpec(app), IClassFixture<SqliteApp>;

public sealed class WebhookOnPostgres(PostgresApp app) : WebhookSpec(app), IClassFixture<PostgresApp>;
