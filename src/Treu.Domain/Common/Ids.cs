namespace Treu.Domain.Common;

/// <summary>
/// Identifiers: a short type prefix, the time of creation and 80 random bits in Crockford-style base32, so an id says
/// what it names, cannot be guessed and reveals nothing about how many there are.
/// <para>
/// Time first (milliseconds since 1970, 10 characters) so that ids sort in the order they were made: a new member,
/// entry, lot or purchase goes to the end of every index keyed by its id or its member's id, where a fully random id
/// sent each insert to a random page of the index — at a million members that was most of the database's work in an
/// import, and a page written after each checkpoint in full to the WAL (docs/decisions/0006-time-ordered-ids.md).
/// </para>
/// </summary>
public static class Ids
{
    /// <summary>Ascending in ASCII, so the text order of the encoded time is its numeric order.</summary>
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>50 bits of milliseconds: enough until the year 37,648.</summary>
    public const int TimeChars = 10;

    /// <summary>80 random bits.</summary>
    public const int RandomChars = 16;

    public static string New(string prefix) => New(prefix, DateTimeOffset.UtcNow);

    public static string New(string prefix, DateTimeOffset at)
    {
        Span<char> chars = stackalloc char[TimeChars + RandomChars];
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = TimeChars - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }

        FillRandom(chars[TimeChars..]);
        return string.Concat(prefix, "_", chars);
    }

    /// <summary><paramref name="length"/> random base32 characters (5 bits each) and nothing else: for secrets, where a time would only leak.</summary>
    public static string Random(int length)
    {
        Span<char> chars = length <= 256 ? stackalloc char[length] : new char[length];
        FillRandom(chars);
        return new string(chars);
    }

    private static void FillRandom(Span<char> chars)
    {
        Span<byte> bytes = chars.Length <= 256 ? stackalloc byte[chars.Length] : new byte[chars.Length];
        SecureRandom.Fill(bytes);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }
    }
}
