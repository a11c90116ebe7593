using System.Buffers;
using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>
/// What text Treu takes: no control characters (U+0000–U+001F, U+007F–U+009F). PostgreSQL cannot store a NUL at all,
/// SQLite can; refusing them all, in every field, before anything is written, makes both databases behave alike and
/// keeps escape sequences and bells out of receipts, reports and terminals. Free text (a reason, a description) may
/// span lines and hold tabs; an identifier, a name or a code may not.
/// </summary>
public static class StoredText
{
    public const string Refusal = "must not contain control characters";

    public const string FreeTextRefusal = "must not contain control characters other than tabs and line breaks";

    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlCharacters(allowLineBreaks: false));

    private static readonly SearchValues<char> ControlsButLineBreaks = SearchValues.Create(ControlCharacters(allowLineBreaks: true));

    /// <summary>
    /// The fields, by their JSON or CSV name, whose text a person writes in sentences or lines (a message template's HTML
    /// and text parts): these may hold tabs and line breaks.
    /// </summary>
    public static bool IsFreeText(string field) => field is "reason" or "blockedReason" or "description" or "terms" or "html" or "text";

    /// <summary>Why <paramref name="text"/> cannot be stored, or null when it can.</summary>
    public static string? Problem(ReadOnlySpan<char> text, bool freeText = false) =>
        !text.ContainsAny(freeText ? ControlsButLineBreaks : Controls) ? null : freeText ? FreeTextRefusal : Refusal;

    private static string ControlCharacters(bool allowLineBreaks) =>
        string.Concat(Enumerable.Range(0, 0xa0).Select(c => (char)c).Where(c => char.IsControl(c) && !(allowLineBreaks && c is '\t' or '\n' or '\r')));

    /// <summary>
    /// Refuses a control character in a path parameter or a query parameter with a 400 naming it, before any endpoint
    /// looks it up or stores it. (Kestrel itself refuses a NUL in the path, with a bare 400, before the app runs.)
    /// </summary>
    public static WebApplication UseStoredTextInUrls(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            Dictionary<string, string[]>? errors = null;
            void Refuse(string field) => (errors ??= new(StringComparer.Ordinal))[field] = [Refusal];

            if (Problem(http.Request.Path.Value) is not null)
            {
                // Routing has run: a value in the path is named by its parameter (id), the rest as the path.
                var parameter = http.Request.RouteValues.FirstOrDefault(v => v.Value is string s && Problem(s) is not null).Key;
                Refuse(parameter ?? "path");
            }

            if (http.Request.QueryString.HasValue)
            {
                foreach (var (name, values) in http.Request.Query)
                {
                    if (Problem(name) is not null)
                    {
                        Refuse("query");
                    }
                    else if (values.Any(v => Problem(v) is not null))
                    {
                        Refuse(name);
                    }
                }
            }

            if (errors is not null)
            {
                await Problems.WriteAsync(http, CommonErrors.Invalid(errors));
                return;
            }

            await next(http);
        });
        return app;
    }
}
