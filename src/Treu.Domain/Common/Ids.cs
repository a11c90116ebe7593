namespace Treu.Domain.Common;

/// <summary>
/// Opaque, unguessable identifiers: a short type prefix and 100 random bits in Crockford-style base32,
/// so an id says what it names but reveals nothing about how many there are.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[20];
        SecureRandom.Fill(bytes);
        Span<char> chars = stackalloc char[20];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] & 31];
        }

        return string.Concat(prefix, "_", chars);
    }
}
