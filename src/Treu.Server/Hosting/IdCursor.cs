using System.Buffers.Text;
using System.Text;
using Treu.Domain.Common;

namespace Treu.Server.Hosting;

/// <summary>
/// A page cursor over time-ordered ids (newest first): the last id of a page, opaque to the client. The next page holds
/// the ids below it.
/// </summary>
public static class IdCursor
{
    public static string Of(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    /// <summary>The id in a cursor; null for no cursor; a failure for one this API did not hand out.</summary>
    public static Result<string?> Read(string? cursor)
    {
        if (cursor is null)
        {
            return (string?)null;
        }

        try
        {
            var id = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            if (id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return id;
            }
        }
        catch (FormatException)
        {
        }

        return CommonErrors.ValidationFailed.With("cursor is not one this API handed out.") with { Errors = new Dictionary<string, string[]> { ["cursor"] = ["is invalid"] } };
    }

    /// <summary>The page size asked for, checked against the server's limit.</summary>
    public static Result<int> Size(int? limit, int max, int byDefault = 50)
    {
        var size = limit ?? Math.Min(byDefault, max);
        return size < 1 || size > max ? CommonErrors.InvalidField("limit", $"must be between 1 and {max}") : size;
    }
}
