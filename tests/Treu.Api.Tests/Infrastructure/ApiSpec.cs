using System.Net;
using System.Text.Json.Nodes;

namespace Treu.Api.Tests.Infrastructure;

/// <summary>
/// Base of every API specification. Each spec is abstract and runs twice, through a subclass per database:
/// <c>…OnSqlite</c> and <c>…OnPostgres</c>.
/// </summary>
public abstract class ApiSpec(TreuApp app)
{
    /// <summary>The app; skips the test (with the reason) when its database is not available here.</summary>
    protected TreuApp App
    {
        get
        {
            if (app.Unavailable is { } why)
            {
                Assert.Skip(why);
            }

            return app;
        }
    }

    protected HttpClient Admin => App.Admin;

    protected Task<HttpClient> Till(string? storeId = null) => App.ClientWithScope("pos", storeId);

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():n}"[..(prefix.Length + 13)];

    /// <summary>Enrols a member with a fresh e-mail address; returns the member as the API answered.</summary>
    protected async Task<JsonNode> Enrol(HttpClient? client = null, string? email = null)
    {
        var response = await (client ?? Admin).Post("/v1/members", new { email = email ?? $"{Unique("m")}@example.de", firstName = "Test" });
        return await response.Json(HttpStatusCode.Created);
    }

    protected async Task<string> EnrolId(HttpClient? client = null) => (string)(await Enrol(client))["id"]!;

    /// <summary>Enrols members one after another and returns their ids, in order.</summary>
    protected async Task<List<string>> EnrolIds(int count)
    {
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await EnrolId());
        }

        return ids;
    }

    protected static object Line(string sku, decimal quantity, decimal unitPrice, string? category = null, decimal? discount = null) =>
        new { sku, name = $"Item {sku}", category, quantity, unitPrice, discount };

    protected static object Basket(string memberId, string receipt, object[] lines, long? redeemPoints = null, string? storeId = null) =>
        new { memberId, externalId = receipt, currency = "EUR", storeId, lines, redeemPoints };

    /// <summary>Records a purchase and asserts it was accepted.</summary>
    protected async Task<JsonNode> Purchase(HttpClient client, string memberId, object[] lines, long? redeemPoints = null, string? receipt = null) =>
        await (await client.Post("/v1/transactions", Basket(memberId, receipt ?? Unique("R"), lines, redeemPoints))).Json(HttpStatusCode.Created);

    /// <summary>Gives a member available points straight away, through the admin adjustment.</summary>
    protected async Task Credit(string memberId, long points) =>
        await (await Admin.Post($"/v1/members/{memberId}/adjustments", new { points, reason = "test credit" })).Json(HttpStatusCode.Created);

    protected async Task<JsonNode> Balance(string memberId) => await Admin.GetJson($"/v1/members/{memberId}/balance");

    protected async Task<long> Available(string memberId) => (await Balance(memberId)).Long("available");

    protected async Task<long> Pending(string memberId) => (await Balance(memberId)).Long("pending");

    protected async Task<JsonNode> Verify()
    {
        var report = await Admin.GetJson("/v1/admin/ledger/verify");
        return report;
    }

    protected async Task AssertLedgerVerifies()
    {
        var report = await Verify();
        Assert.True((bool)report["ok"]!, $"Ledger verification failed: {report["mismatches"]}");
    }
}
