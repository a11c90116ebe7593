using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Treu.Api.Tests.Infrastructure;

/// <summary>The wire, as a till sees it: JSON in, JSON or problem details out.</summary>
public static class Http
{
    public static async Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await client.PostAsync(url, content, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> Patch(this HttpClient client, string url, object body) =>
        await client.PatchAsync(url, JsonContent.Create(body), TestContext.Current.CancellationToken);

    public static async Task<HttpResponseMessage> Put(this HttpClient client, string url, object body) =>
        await client.PutAsync(url, JsonContent.Create(body), TestContext.Current.CancellationToken);

    public static async Task<JsonNode> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, TestContext.Current.CancellationToken)).Json(expected);

    /// <summary>Asserts an RFC 9457 problem with the given status and stable code; returns it for further checks.</summary>
    public static async Task<JsonNode> Problem(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await response.Json(status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)problem["code"]);
        Assert.Equal((int)status, (int?)problem["status"]);
        return problem;
    }

    public static long Long(this JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            current = current?[part];
        }

        return current!.GetValue<long>();
    }
}
