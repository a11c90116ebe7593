using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Treu.Api.Tests.Infrastructure;

namespace Treu.Api.Tests.Reference;

/// <summary>
/// The OpenAPI document as a contract that client generators (Kiota, NSwag, openapi-typescript) can build on: these
/// rules hold for every operation and schema, including those added later.
/// </summary>
public sealed partial class OpenApiContractSpec(SqliteApp app) : IClassFixture<SqliteApp>
{
    private async Task<JsonNode> Document() => await app.Anonymous.GetJson("/openapi/v1.json");

    private static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(op => op.Key is "get" or "post" or "patch" or "put" or "delete")
            .Select(op => ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!)));

    private static JsonObject Schemas(JsonNode document) => document["components"]!["schemas"]!.AsObject();

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? Schemas(document)[((string)reference!)["#/components/schemas/".Length..]]! : schema;

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [Fact]
    public async Task Every_operation_has_a_unique_camel_case_operation_id()
    {
        var operations = Operations(await Document()).ToList();
        var ids = operations.Select(o => (o.Name, Id: (string?)o.Operation["operationId"])).ToList();

        Assert.Empty(ids.Where(o => o.Id is null || !CamelCase().IsMatch(o.Id)).Select(o => $"{o.Name}: '{o.Id}'"));
        Assert.Empty(ids.GroupBy(o => o.Id).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Contains(("POST /v1/transactions", (string?)"recordPurchase"), ids);
        Assert.Contains(("GET /v1/members/{id}/balance", (string?)"getMemberBalance"), ids);
    }

    [Fact]
    public async Task Every_operation_declares_its_errors_as_treu_problems()
    {
        var document = await Document();
        var faults = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation["responses"]!.AsObject();
            foreach (var status in new[] { "400", "401", "403", "503", "default" })
            {
                if (!responses.ContainsKey(status))
                {
                    faults.Add($"{name} declares no {status}");
                }
            }

            foreach (var (status, response) in responses.Where(r => r.Key == "default" || r.Key[0] is '4' or '5'))
            {
                var content = response!["content"]?.AsObject();
                if (content is null || content.Count != 1 || (string?)content["application/problem+json"]?["schema"]?["$ref"] != "#/components/schemas/Problem")
                {
                    faults.Add($"{name} {status} is not an application/problem+json Problem");
                }
            }
        }

        Assert.Empty(faults);
        var problem = Schemas(document)["Problem"]!;
        Assert.Equal(["code", "status", "title", "type"], problem["required"]!.AsArray().Select(r => (string)r!).Order());
        Assert.NotNull(problem["properties"]!["errors"]);
        Assert.NotNull(problem["properties"]!["traceId"]);
        Assert.NotEqual(false, (bool?)problem["additionalProperties"]);
    }

    [Fact]
    public async Task Polymorphic_schemas_are_one_of_with_a_required_discriminator()
    {
        var document = await Document();
        var polymorphic = Schemas(document).Where(s => s.Value!["discriminator"] is not null || s.Value!["anyOf"] is not null).ToList();
        var faults = new List<string>();
        foreach (var (name, schema) in polymorphic)
        {
            var property = (string?)schema!["discriminator"]?["propertyName"];
            var alternatives = schema["oneOf"]?.AsArray().Select(a => (string)a!["$ref"]!).ToList() ?? [];
            var mapping = schema["discriminator"]?["mapping"]?.AsObject().Select(m => (Value: m.Key, Ref: (string)m.Value!)).ToList() ?? [];
            if (schema["anyOf"] is not null || property is null || alternatives.Count == 0)
            {
                faults.Add($"{name} is not oneOf with a discriminator");
                continue;
            }

            if (!mapping.Select(m => m.Ref).Order().SequenceEqual(alternatives.Order()))
            {
                faults.Add($"{name}: the mapping does not name exactly its alternatives");
            }

            foreach (var (value, reference) in mapping)
            {
                var variant = Resolve(document, JsonNode.Parse($$"""{"$ref":"{{reference}}"}""")!);
                var required = variant["required"]?.AsArray().Select(r => (string?)r).ToList() ?? [];
                var allowed = variant["properties"]?[property]?["enum"]?.AsArray().Select(v => (string?)v).ToList() ?? [];
                if (!required.Contains(property) || !allowed.SequenceEqual([value]))
                {
                    faults.Add($"{reference} does not require {property} = '{value}'");
                }
            }
        }

        Assert.Empty(faults);
        Assert.Contains(polymorphic, s => s.Key == "RuleCondition");
        Assert.Contains(polymorphic, s => s.Key == "RuleEffect");
    }

    [Fact]
    public async Task Money_and_quantities_are_decimals_not_doubles()
    {
        var document = await Document();
        var text = document.ToJsonString();
        var schemas = Schemas(document);

        Assert.DoesNotContain("\"format\":\"double\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"format\":\"float\"", text, StringComparison.Ordinal);
        Assert.Equal("decimal", (string?)schemas["PurchaseLineInput"]!["properties"]!["unitPrice"]!["format"]);
        Assert.Equal("decimal", (string?)schemas["PurchaseLineInput"]!["properties"]!["quantity"]!["format"]);
        Assert.Equal("decimal", (string?)schemas["PurchaseView"]!["properties"]!["total"]!["format"]);
    }

    [Fact]
    public async Task No_schema_is_named_after_a_framework_type()
    {
        var frameworkTypes = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } n && (n.StartsWith("System", StringComparison.Ordinal) || n.StartsWith("Microsoft", StringComparison.Ordinal)))
            .SelectMany(a => a.GetExportedTypes())
            .Select(t => t.Name)
            .ToHashSet(StringComparer.Ordinal);

        var names = Schemas(await Document()).Select(s => s.Key).ToList();

        Assert.True(frameworkTypes.Contains("JsonElement") && frameworkTypes.Contains("ProblemDetails"), "the framework's types were not all loaded");
        Assert.DoesNotContain(names, frameworkTypes.Contains);
    }

    [Fact]
    public async Task Request_fields_are_never_both_required_and_nullable()
    {
        var document = await Document();
        var faults = new List<string>();
        var seen = new HashSet<string>();
        var bodies = Operations(document).Select(o => o.Operation["requestBody"]?["content"]?["application/json"]?["schema"]).OfType<JsonNode>().ToList();
        foreach (var body in bodies)
        {
            Visit(body, "request");
        }

        Assert.True(seen.Count >= 15, $"only {seen.Count} request schemas reached");
        Assert.Empty(faults);

        void Visit(JsonNode schema, string at)
        {
            if (schema["$ref"] is { } reference)
            {
                if (seen.Add((string)reference!))
                {
                    Visit(Resolve(document, schema), (string)reference!);
                }

                return;
            }

            var required = schema["required"]?.AsArray().Select(r => (string?)r).ToHashSet() ?? [];
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
            {
                if (required.Contains(name) && Nullable(property!))
                {
                    faults.Add($"{at}.{name}");
                }

                Visit(property!, $"{at}.{name}");
            }

            foreach (var child in new[] { schema["items"], schema["additionalProperties"] }.OfType<JsonObject>())
            {
                Visit(child, at);
            }

            foreach (var alternative in (schema["oneOf"]?.AsArray() ?? []).Concat(schema["allOf"]?.AsArray() ?? []).OfType<JsonNode>())
            {
                Visit(alternative, at);
            }
        }

        static bool Nullable(JsonNode property) =>
            property["type"] is JsonArray types && types.Any(t => (string?)t == "null")
            || (string?)property["type"] == "null"
            || property["oneOf"]?.AsArray().Any(a => (string?)a?["type"] == "null") == true;
    }

    [Theory]
    [InlineData("MemberView", "status", "active blocked erased")]
    [InlineData("MemberView", "language", "de en")]
    [InlineData("MemberView", "enrolledChannel", "store webshop app admin import")]
    [InlineData("PurchaseRequest", "channel", "store webshop app admin import")]
    [InlineData("CreateApiKeyRequest", "scope", "pos ecommerce app admin")]
    [InlineData("ProgramView", "earnRounding", "floor nearest ceiling")]
    [InlineData("ProgramView", "returnPolicy", "allow_negative clamp_to_zero")]
    [InlineData("RuleView", "status", "draft active inactive")]
    [InlineData("EarnedView", "status", "pending available")]
    [InlineData("LedgerEntryView", "kind", "earn activate redeem reverse refund expire adjust transfer_out transfer_in")]
    [InlineData("RuleDefinition", "trigger", "purchase event")]
    [InlineData("RuleDefinition", "stacking", "stack exclusive best_of_group")]
    public async Task Closed_value_sets_are_enums(string schema, string property, string values)
    {
        var document = await Document();

        var field = Resolve(document, Schemas(document)[schema]!["properties"]![property]!);

        Assert.Equal(values.Split(' '), field["enum"]!.AsArray().Where(v => v is not null).Select(v => (string)v!));
    }

    [Theory]
    [InlineData("PurchaseRequest", "lines", "maxItems", 500)]
    [InlineData("PurchaseRequest", "externalId", "maxLength", 100)]
    [InlineData("PurchaseLineInput", "quantity", "maximum", 100_000)]
    [InlineData("PurchaseLineInput", "unitPrice", "maximum", 1_000_000)]
    [InlineData("EnrolMemberRequest", "cards", "maxItems", 10)]
    [InlineData("AdjustmentRequest", "reason", "maxLength", 500)]
    public async Task The_limits_the_server_enforces_are_stated(string schema, string property, string keyword, long limit)
    {
        var field = Schemas(await Document())[schema]!["properties"]![property]!;

        Assert.Equal(limit, (long?)field[keyword]);
    }

    [Fact]
    public async Task The_document_names_a_relative_server_and_one_tag_per_operation()
    {
        var document = await Document();

        Assert.Equal("/", (string?)document["servers"]![0]!["url"]);
        Assert.Empty(Operations(document).Where(o => o.Operation["tags"]?.AsArray().Count != 1).Select(o => o.Name));
        Assert.Equal("Audit", (string?)Operations(document).Single(o => o.Name == "GET /v1/admin/audit").Operation["tags"]![0]);
    }

    [Fact]
    public async Task The_audit_entry_details_are_a_free_form_object()
    {
        var details = Schemas(await Document())["AuditEntryView"]!["properties"]!["details"]!;

        Assert.Null(details["$ref"]);
        Assert.Contains("object", details["type"]!.AsArray().Select(t => (string?)t));
        Assert.NotNull(details["description"]);
    }
}
