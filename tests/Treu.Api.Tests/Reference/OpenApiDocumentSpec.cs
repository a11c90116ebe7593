using System.Text.Json.Nodes;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Reference;

/// <summary>The API reference an integrator reads: every operation documented with an example.</summary>
public sealed class OpenApiDocumentSpec(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<JsonNode> Document() => await app.Anonymous.GetJson("/openapi/v1.json");

    private static IEnumerable<(string Path, string Method, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "patch" or "put" or "delete")
            .Select(op => (path.Key, op.Key, op.Value!)));

    [Fact]
    public async Task Every_request_body_in_the_reference_has_an_example()
    {
        var withBodies = Operations(await Document()).Where(o => o.Operation["requestBody"]?["content"]?["application/json"] is not null).ToList();
        var missing = withBodies
            .Where(o => o.Operation["requestBody"]!["content"]!["application/json"]!["example"] is null)
            .Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}")
            .ToList();

        Assert.True(withBodies.Count >= 9, $"only {withBodies.Count} operations with a JSON body found");
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_successful_json_answer_in_the_reference_has_an_example()
    {
        var answers = Operations(await Document())
            .Where(o => o.Path.StartsWith("/v1/", StringComparison.Ordinal))
            .SelectMany(o => o.Operation["responses"]!.AsObject()
                .Where(r => r.Key.StartsWith('2') && r.Value?["content"]?["application/json"] is not null)
                .Select(r => (Name: $"{o.Method.ToUpperInvariant()} {o.Path} {r.Key}", Media: r.Value!["content"]!["application/json"]!)))
            .ToList();

        Assert.True(answers.Count >= 17, $"only {answers.Count} JSON answers found");
        Assert.Empty(answers.Where(a => a.Media["example"] is null).Select(a => a.Name));
    }

    [Fact]
    public async Task Optional_fields_of_a_purchase_are_not_marked_required()
    {
        var schema = (await Document())["components"]!["schemas"]!["PurchaseRequest"]!;

        var required = schema["required"]?.AsArray().Select(r => (string?)r).ToList() ?? [];

        Assert.DoesNotContain("redeemPoints", required);
        Assert.DoesNotContain("storeId", required);
        Assert.DoesNotContain("occurredAt", required);
        Assert.NotNull(schema["properties"]!["occurredAt"]!["description"]);
    }
}
