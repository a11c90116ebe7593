namespace Treu.Domain.Common;

/// <summary>Codes every feature may answer with.</summary>
public static class CommonErrors
{
    /// <summary>One or more fields are wrong; <see cref="Failure.Errors"/> (or <see cref="Failure.Field"/>) says which and why.</summary>
    public static readonly ErrorCode ValidationFailed = new("validation_failed", FailureKind.Invalid);

    /// <summary>One field is wrong: "<paramref name="field"/> <paramref name="message"/>." as the detail, the message under the field.</summary>
    public static Failure InvalidField(string field, string message) =>
        new(ValidationFailed, $"{field} {message}.", field, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>Several field errors at once, keyed by the field's path (<c>lines[2].quantity</c>).</summary>
    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(ValidationFailed, "The request has invalid fields; see errors.", Errors: errors);
}
