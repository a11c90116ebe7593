using System.Text.Json;
using Treu.Domain.Common;
using Treu.Domain.Tiers;

namespace Treu.Server.Web.Admin;

/// <summary>
/// The ladder editor's one field: the ladder as the JSON that <c>PUT /v1/admin/tiers</c> takes, read with the API's own
/// options and checked by the API's own validation, every problem under the field "ladder" with its path in the ladder.
/// </summary>
public static class TierLadderText
{
    public const string Field = "ladder";

    public static string Of(TierLadder ladder, JsonSerializerOptions json) => JsonSerializer.Serialize(ladder, new JsonSerializerOptions(json) { WriteIndented = true });

    public static Result<TierLadder> Parse(string? text, JsonSerializerOptions json)
    {
        TierLadder? ladder;
        try
        {
            ladder = JsonSerializer.Deserialize<TierLadder>(string.IsNullOrWhiteSpace(text) ? "null" : text, json);
        }
        catch (JsonException e)
        {
            return CommonErrors.InvalidField(Field, $"is not a ladder: {e.Message.Split(". ")[0]}");
        }

        if (ladder is null)
        {
            return CommonErrors.InvalidField(Field, "is empty");
        }

        if (TierLadderValidation.Validate(ladder) is { } refused)
        {
            var messages = refused.Errors is { Count: > 0 } errors ? errors.SelectMany(e => e.Value.Select(m => $"{e.Key} {m}"))
                : [refused.Field is { } path ? $"{path}: {refused.Message}" : refused.Message];
            return CommonErrors.Invalid(new Dictionary<string, string[]> { [Field] = messages.ToArray() });
        }

        return ladder;
    }
}
