using Microsoft.AspNetCore.Http.HttpResults;
using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>Collects field errors of one request, so a client learns about all of them at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public Validation Require(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
        }
        else
        {
            MaxLength(field, value, maxLength);
        }

        return this;
    }

    public Validation MaxLength(string field, string? value, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        return this;
    }

    /// <summary>An enum value as the API spells it (snake_case, any case); null, with the values named, when it is none of them.</summary>
    public T? OneOf<T>(string field, string? value) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        var normalized = value.Replace("_", "", StringComparison.Ordinal);
        if (normalized.All(char.IsAsciiLetter) && Enum.TryParse<T>(normalized, ignoreCase: true, out var parsed))
        {
            return parsed;
        }

        Add(field, $"must be one of {string.Join(", ", Enum.GetNames<T>().Select(Json.SnakeCase))}");
        return null;
    }

    public Validation Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"must be between {min} and {max}");
        }

        return this;
    }

    /// <summary>
    /// When something happened, as a till or an integration that syncs late reports it: within the last year, not in the
    /// future (5 minutes of clock skew allowed).
    /// </summary>
    public Validation RecentPast(string field, DateTime? value, DateTime now)
    {
        if (value is { } at && (at.ToUniversalTime() > now.AddMinutes(5) || at.ToUniversalTime() < now.AddYears(-1)))
        {
            Add(field, "must lie within the last year and not in the future");
        }

        return this;
    }

    /// <summary>Every error as "field message", for reports that are not HTTP answers (the bulk import's rejected rows).</summary>
    public IEnumerable<string> Messages => _errors.SelectMany(e => e.Value.Select(m => $"{e.Key} {m}"));

    /// <summary>The collected errors as one failure (<c>validation_failed</c>, keyed by field path); null when there are none.</summary>
    public Failure? ToFailure() => IsValid ? null : CommonErrors.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public ProblemHttpResult ToProblem() => Problems.For(ToFailure() ?? throw new InvalidOperationException("No errors to answer with."));
}
