using Treu.Domain.Common;

namespace Treu.Domain.Rewards;

/// <summary>
/// The code on a voucher, as a person reads it off a phone or a print-out and types it at a till:
/// <c>TREU-7KQ4-M2XP-9H3C</c>. A prefix, then eleven random characters and a check character in groups of four, from an
/// alphabet without 0, O, 1 and I, which people confuse. Eleven characters of 5 bits are 55 random bits: with a million
/// vouchers out, a guess finds one with a chance of about one in 36 billion. The check character (Luhn mod 32) catches
/// every single mistyped character and every swap of two neighbours before any look-up.
/// </summary>
public static class VoucherCode
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Random characters of a code, before its check character.</summary>
    public const int RandomLength = 11;

    /// <summary>The characters after the prefix: the random ones and the check character.</summary>
    public const int BodyLength = RandomLength + 1;

    public const string RewardPrefix = "TREU";

    public const int MaxPrefixLength = 8;

    private static readonly int[] Values = BuildValues();

    /// <summary>A new code with the given prefix (2 to 8 letters or digits of the alphabet and 0/1/O/I, upper case).</summary>
    public static string New(string prefix = RewardPrefix)
    {
        Span<char> body = stackalloc char[BodyLength];
        Span<byte> random = stackalloc byte[RandomLength];
        SecureRandom.Fill(random);
        for (var i = 0; i < RandomLength; i++)
        {
            body[i] = Alphabet[random[i] & 31];
        }

        body[RandomLength] = CheckCharacter(body[..RandomLength]);
        return Format(prefix, body);
    }

    /// <summary>Whether a prefix can start a code: 2 to 8 of A–Z and 0–9.</summary>
    public static bool IsPrefix(string? prefix) =>
        prefix is { Length: >= 2 and <= MaxPrefixLength } && prefix.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c));

    /// <summary>What a person typed, without spaces and dashes and in upper case; null when it holds anything else.</summary>
    public static string? Compact(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var compact = new string(typed.Where(c => c is not (' ' or '-')).Select(char.ToUpperInvariant).ToArray());
        return compact.Length > 0 && compact.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)) ? compact : null;
    }

    /// <summary>
    /// Reads a typed code as a voucher code: the canonical form (<c>PREFIX-XXXX-XXXX-XXXX</c>), or why it is not one.
    /// <see cref="Shape.NotACode"/> when it does not have a voucher code's shape at all (it may be a public coupon code
    /// such as WELCOME10), <see cref="Shape.Mistyped"/> when it has the shape but its check character does not match.
    /// </summary>
    public static (Shape Shape, string? Canonical) Read(string? typed)
    {
        if (Compact(typed) is not { } compact || compact.Length < BodyLength + 2 || compact.Length > BodyLength + MaxPrefixLength)
        {
            return (Shape.NotACode, null);
        }

        var body = compact.AsSpan(compact.Length - BodyLength);
        foreach (var c in body)
        {
            if (Values[c] < 0)
            {
                return (Shape.NotACode, null);
            }
        }

        if (CheckCharacter(body[..RandomLength]) != body[RandomLength])
        {
            return (Shape.Mistyped, null);
        }

        return (Shape.Valid, Format(compact.AsSpan(0, compact.Length - BodyLength), body));
    }

    public enum Shape
    {
        Valid,
        NotACode,
        Mistyped,
    }

    /// <summary>Luhn mod N over the alphabet: every single changed character and every swap of two neighbours changes it.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> payload)
    {
        const int n = 32;
        var factor = 2;
        var sum = 0;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var addend = factor * Values[payload[i]];
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }

        return Alphabet[(n - sum % n) % n];
    }

    private static string Format(ReadOnlySpan<char> prefix, ReadOnlySpan<char> body)
    {
        Span<char> code = stackalloc char[prefix.Length + BodyLength + 3];
        prefix.CopyTo(code);
        var at = prefix.Length;
        for (var group = 0; group < 3; group++)
        {
            code[at++] = '-';
            body.Slice(group * 4, 4).CopyTo(code[at..]);
            at += 4;
        }

        return new string(code);
    }

    private static int[] BuildValues()
    {
        var values = Enumerable.Repeat(-1, 128).ToArray();
        for (var i = 0; i < Alphabet.Length; i++)
        {
            values[Alphabet[i]] = i;
        }

        return values;
    }
}
