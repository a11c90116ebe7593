using Treu.Domain.Members;
using Treu.Server.Hosting;

namespace Treu.Server.Members;

/// <summary>
/// The checks of a member's data, shared by enrolment, profile updates and the bulk import, so that a member from any of
/// them obeys the same rules. Each check adds what is wrong to the <see cref="Validation"/> and returns the value normalised.
/// </summary>
public static class MemberChecks
{
    public static readonly string[] Languages = ["de", "en"];

    public const int MaxTags = 50;

    public static string? Contact(Validation check, string field, string? raw, Func<string?, string?> normalize, string message)
    {
        if (raw is null)
        {
            return null;
        }

        var value = normalize(raw);
        if (value is null)
        {
            check.Add(field, message);
        }

        return value;
    }

    public static List<string> Cards(Validation check, string field, string[]? raw)
    {
        if (raw is null)
        {
            return [];
        }

        if (raw.Length > 10)
        {
            check.Add(field, "at most 10 cards at once");
            return [];
        }

        var cards = new List<string>();
        foreach (var card in raw)
        {
            if (CardNumber.Normalize(card) is { } normalized)
            {
                cards.Add(normalized);
            }
            else
            {
                check.Add(field, $"'{Truncate(card ?? "")}' is not a card number (6 to 32 letters or digits)");
            }
        }

        return cards.Distinct().ToList();
    }

    public static List<string>? Tags(Validation check, string[]? tags)
    {
        if (tags is null)
        {
            return null;
        }

        if (tags.Length > MaxTags || tags.Any(t => t is null || t.Length is 0 or > 64 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            check.Add("tags", "at most 50 tags of 1 to 64 letters, digits, '_' or '-'");
            return null;
        }

        return tags.Select(t => t.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public static void Attributes(Validation check, Dictionary<string, string>? attributes)
    {
        if (attributes is null)
        {
            return;
        }

        if (attributes.Count > Member.MaxAttributes
            || attributes.Any(a => a.Key.Length is 0 or > 64 || !a.Key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') || a.Value is { Length: > 200 }))
        {
            check.Add("attributes", $"at most {Member.MaxAttributes} attributes; names of 1 to 64 letters, digits, '_' or '-'; values up to 200 characters");
        }
    }

    public static void Profile(Validation check, string? firstName, string? lastName, DateOnly? birthDate, string? language, TimeProvider clock)
    {
        check.MaxLength("firstName", firstName, 100).MaxLength("lastName", lastName, 100);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (birthDate is { } b && (b > today || b < today.AddYears(-130)))
        {
            check.Add("birthDate", "must be a real date of birth in the past");
        }

        if (language is not null && !Languages.Contains(language))
        {
            check.Add("language", $"must be one of {string.Join(", ", Languages)}");
        }
    }

    public static void Consents(Validation check, ConsentInput[]? consents)
    {
        if (consents is null)
        {
            return;
        }

        if (consents.Length > 20)
        {
            check.Add("consents", "at most 20 consents at once");
            return;
        }

        for (var i = 0; i < consents.Length; i++)
        {
            var c = consents[i];
            if (c is null)
            {
                check.Add($"consents[{i}]", "must be an object");
                continue;
            }

            check.Require($"consents[{i}].purpose", c.Purpose, 64).Require($"consents[{i}].textVersion", c.TextVersion, 64);
            if (c.Purpose is not null && consents.Take(i).Any(earlier => earlier?.Purpose == c.Purpose))
            {
                check.Add($"consents[{i}].purpose", $"'{Truncate(c.Purpose)}' is given twice; send one answer per purpose");
            }
            if (c.Granted is null)
            {
                check.Add($"consents[{i}].granted", "is required");
            }
        }
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
