using System.Text.Json;
using System.Text.Json.Nodes;
using Treu.Domain.Common;
using Treu.Domain.Rules;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Web.Shared;

namespace Treu.Server.Web.Admin;

/// <summary>
/// The rule editor's form: the rule language's fields one by one, its conditions, effects and caps as JSON (each a list
/// or object of the documented shapes). Read into the API's <see cref="RuleRequest"/> with the API's own JSON options, and
/// checked by the API's own validation, so that the editor accepts exactly what the API accepts and says what is wrong
/// beside the field it concerns.
/// </summary>
public sealed class RuleForm
{
    public string? Id { get; set; }
    public string? CampaignId { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string Trigger { get; set; } = "purchase";
    public string? EventType { get; set; }
    public int Priority { get; set; }
    public string Stacking { get; set; } = "stack";
    public string? Group { get; set; }
    public DateTime? ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public string Conditions { get; set; } = "[]";
    public string Effects { get; set; } = """[{ "type": "multiplier", "factor": 2 }]""";
    public string Caps { get; set; } = "";

    public static RuleForm From(RuleView rule, JsonSerializerOptions json)
    {
        var d = rule.Definition;
        return new RuleForm
        {
            Id = rule.Id,
            CampaignId = rule.CampaignId,
            Name = d.Name,
            Description = d.Description,
            Trigger = Json.SnakeCase(d.Trigger.ToString()),
            EventType = d.EventType,
            Priority = d.Priority,
            Stacking = Json.SnakeCase(d.Stacking.ToString()),
            Group = d.Group,
            ValidFrom = d.ValidFrom,
            ValidTo = d.ValidTo,
            Conditions = Pretty(JsonSerializer.SerializeToNode(d.Conditions, json)),
            Effects = Pretty(JsonSerializer.SerializeToNode(d.Effects, json)),
            Caps = d.Caps is null ? "" : Pretty(JsonSerializer.SerializeToNode(d.Caps, json)),
        };
    }

    /// <summary>The request the API would get, or what is wrong with the form, by field (conditions, effects, caps, name …).</summary>
    public Result<RuleRequest> ToRequest(JsonSerializerOptions json, bool isNew)
    {
        var check = new Validation();
        var body = new JsonObject
        {
            ["name"] = Name ?? "",
            ["description"] = string.IsNullOrWhiteSpace(Description) ? null : Description,
            ["trigger"] = Trigger,
            ["eventType"] = string.IsNullOrWhiteSpace(EventType) ? null : EventType,
            ["priority"] = Priority,
            ["stacking"] = Stacking,
            ["group"] = string.IsNullOrWhiteSpace(Group) ? null : Group,
            ["validFrom"] = ValidFrom is { } from ? DateTime.SpecifyKind(from, DateTimeKind.Utc) : null,
            ["validTo"] = ValidTo is { } to ? DateTime.SpecifyKind(to, DateTimeKind.Utc) : null,
            ["conditions"] = Part(check, "conditions", Conditions, "[]"),
            ["effects"] = Part(check, "effects", Effects, "[]"),
            ["caps"] = Part(check, "caps", Caps, "null"),
        };
        if (check.ToFailure() is { } unreadable)
        {
            return unreadable;
        }

        RuleDefinition? definition;
        try
        {
            definition = body.Deserialize<RuleDefinition>(json);
        }
        catch (JsonException e)
        {
            return CommonErrors.InvalidField(FieldOf(e.Path), e.Message);
        }

        var request = new RuleRequest(definition, isNew && !string.IsNullOrWhiteSpace(Id) ? Id.Trim() : null, string.IsNullOrWhiteSpace(CampaignId) ? null : CampaignId.Trim());
        var failure = isNew ? RuleAdmin.CheckNew(request) : RuleAdmin.CheckChange(Id ?? "", request with { Id = null });
        return failure is null ? request : failure;
    }

    /// <summary>The form field a problem's path (definition.conditions[0].in, $.effects[1]) belongs to.</summary>
    public static string FieldOf(string? path)
    {
        var p = (path ?? "").Replace("$.", "", StringComparison.Ordinal).Replace("definition.", "", StringComparison.Ordinal);
        var end = p.IndexOfAny(['.', '[']);
        return end < 0 ? p : p[..end];
    }

    /// <summary>A failure's messages regrouped by the form's fields, each message keeping the rest of its path.</summary>
    public static FieldErrors ErrorsOf(Failure? failure)
    {
        if (failure?.Errors is not { Count: > 0 } errors)
        {
            return failure?.Field is { } field ? FieldErrors.Of(failure with { Field = FieldOf(field) }) : FieldErrors.Of(failure);
        }

        var grouped = errors.SelectMany(e => e.Value.Select(m => (Field: FieldOf(e.Key), Message: $"{e.Key.Replace("definition.", "", StringComparison.Ordinal)} {m}")))
            .GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return FieldErrors.Of(failure with { Errors = grouped });
    }

    private static JsonNode? Part(Validation check, string field, string text, string empty)
    {
        try
        {
            return JsonNode.Parse(string.IsNullOrWhiteSpace(text) ? empty : text);
        }
        catch (JsonException e)
        {
            check.Add(field, $"is not valid JSON ({e.Message.Split(". ")[0]})");
            return null;
        }
    }

    private static string Pretty(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "";
}
