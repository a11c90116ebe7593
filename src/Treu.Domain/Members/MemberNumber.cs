using Treu.Domain.Common;

namespace Treu.Domain.Members;

/// <summary>
/// The human member number printed on a card: nine random digits and a Luhn check digit, so a mistyped digit
/// or two swapped neighbours are caught at the till before any look-up.
/// </summary>
public static class MemberNumber
{
    public const int Length = 10;

    public static string New()
    {
        // First digit 1-9 so the number never loses a leading zero in a spreadsheet.
        Span<char> digits = stackalloc char[Length];
        digits[0] = (char)('1' + SecureRandom.Next(9));
        for (var i = 1; i < Length - 1; i++)
        {
            digits[i] = (char)('0' + SecureRandom.Next(10));
        }

        digits[Length - 1] = CheckDigit(digits[..^1]);
        return new string(digits);
    }

    public static bool IsValid(string? number) =>
        number is { Length: Length } && number.All(char.IsAsciiDigit) && CheckDigit(number.AsSpan(0, Length - 1)) == number[^1];

    public static char CheckDigit(ReadOnlySpan<char> payload)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = payload.Length - 1; i >= 0; i--)
        {
            var d = payload[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }
}
