using Treu.Domain.Members;

namespace Treu.Domain.Tests.Members;

public sealed class MemberNumberTests
{
    private const int Samples = 2000;

    [Fact]
    public void A_new_member_number_is_ten_digits_that_never_start_with_zero_and_always_check()
    {
        for (var i = 0; i < Samples; i++)
        {
            var number = MemberNumber.New();

            Assert.Matches("^[1-9][0-9]{9}$", number);
            Assert.True(MemberNumber.IsValid(number), number);
        }
    }

    [Fact]
    public void New_member_numbers_are_not_predictable()
    {
        var numbers = Enumerable.Range(0, Samples).Select(_ => MemberNumber.New()).ToHashSet();

        Assert.True(numbers.Count > Samples - 5, $"only {numbers.Count} distinct numbers in {Samples}");
        Assert.Equal(9, numbers.Select(n => n[0]).Distinct().Count());
    }

    [Theory]
    [InlineData("123456789", '7')]
    [InlineData("799273987", '5')]
    [InlineData("100000000", '8')]
    [InlineData("000000000", '0')]
    public void The_check_digit_is_the_Luhn_digit(string payload, char expected)
    {
        Assert.Equal(expected, MemberNumber.CheckDigit(payload));
        Assert.True(MemberNumber.IsValid(payload + expected));
    }

    [Fact]
    public void A_single_mistyped_digit_is_always_caught()
    {
        var random = new Random(7);
        for (var i = 0; i < Samples; i++)
        {
            var number = RandomValidNumber(random);
            for (var position = 0; position < MemberNumber.Length; position++)
            {
                foreach (var digit in "0123456789".Where(d => d != number[position]))
                {
                    var typo = number[..position] + digit + number[(position + 1)..];
                    Assert.False(MemberNumber.IsValid(typo), $"{typo} (typed for {number}) was accepted");
                }
            }
        }
    }

    [Fact]
    public void Swapping_two_neighbouring_digits_is_caught_unless_they_are_0_and_9()
    {
        var random = new Random(11);
        for (var i = 0; i < Samples; i++)
        {
            var number = RandomValidNumber(random);
            for (var position = 0; position < MemberNumber.Length - 1; position++)
            {
                var (a, b) = (number[position], number[position + 1]);
                if (a == b || (a, b) is ('0', '9') or ('9', '0'))
                {
                    // Luhn cannot see these: equal digits do not change, and 09 and 90 weigh the same.
                    continue;
                }

                var swapped = number[..position] + b + a + number[(position + 2)..];
                Assert.False(MemberNumber.IsValid(swapped), $"{swapped} (swapped from {number}) was accepted");
            }
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("12345678970")]
    [InlineData("1234 56789")]
    [InlineData("12345678a7")]
    [InlineData(" 1234567897")]
    [InlineData("１２３４５６７８９７")]
    [InlineData("١٢٣٤٥٦٧٨٩٧")]
    public void Anything_but_ten_ascii_digits_is_not_a_member_number(string? input)
    {
        Assert.False(MemberNumber.IsValid(input));
    }

    [Theory]
    [InlineData("1４34567897")]
    [InlineData("1٨34567897")]
    [InlineData("1234١67897")]
    public void Digits_from_other_scripts_are_refused_even_where_the_check_digit_would_fit(string input)
    {
        // Each of these passes the Luhn arithmetic; only the digit check keeps it out of the look-up.
        Assert.False(MemberNumber.IsValid(input));
    }

    [Fact]
    public void A_correct_number_is_accepted()
    {
        Assert.True(MemberNumber.IsValid("1234567897"));
        Assert.False(MemberNumber.IsValid("1234567898"));
    }

    /// <summary>Numbers from a seeded generator, so a failure can be replayed; the same shape as <see cref="MemberNumber.New"/>.</summary>
    private static string RandomValidNumber(Random random)
    {
        var payload = new char[MemberNumber.Length - 1];
        payload[0] = (char)('1' + random.Next(9));
        for (var i = 1; i < payload.Length; i++)
        {
            payload[i] = (char)('0' + random.Next(10));
        }

        return new string(payload) + MemberNumber.CheckDigit(payload);
    }
}
