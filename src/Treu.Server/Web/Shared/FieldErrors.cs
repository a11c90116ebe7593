using Treu.Domain.Common;

namespace Treu.Server.Web.Shared;

/// <summary>
/// A use case's refusal laid out for a form: the messages of each field, to show beside it, and what concerns no one field.
/// The same failure the API answers with as problem details.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _byField = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; private set; }

    public bool Any => General is not null || _byField.Count > 0;

    public static FieldErrors Of(Failure? failure)
    {
        var errors = new FieldErrors();
        if (failure is null)
        {
            return errors;
        }

        if (failure.Errors is { Count: > 0 } fields)
        {
            foreach (var (field, messages) in fields)
            {
                errors._byField[field] = messages;
            }
        }
        else if (failure.Field is { } field)
        {
            errors._byField[field] = [failure.Message];
        }
        else
        {
            errors.General = failure.Message;
        }

        return errors;
    }

    /// <summary>The messages for a field, or for any field under it (<c>definition</c> holds <c>definition.effects[0].factor</c>).</summary>
    public IReadOnlyList<string> For(string field) => _byField.TryGetValue(field, out var messages) ? messages : [];

    public IEnumerable<KeyValuePair<string, string[]>> All => _byField;
}
