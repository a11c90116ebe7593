using Treu.Domain.Members;

namespace Treu.Domain.Tests.Members;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("anna@example.de", "anna@example.de")]
    [InlineData("  Anna.Schmidt@Example.DE ", "anna.schmidt@example.de")]
    [InlineData("ANNA+loyalty@mail.example.com", "anna+loyalty@mail.example.com")]
    public void An_address_is_kept_trimmed_and_in_lower_case(string raw, string expected)
    {
        Assert.Equal(expected, EmailAddress.Normalize(raw));
    }

    [Fact]
    public void One_shopper_cannot_enrol_twice_by_changing_the_case_of_the_address()
    {
        Assert.Equal(EmailAddress.Normalize("Anna@X.de"), EmailAddress.Normalize("anna@x.de"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("anna")]
    [InlineData("anna@")]
    [InlineData("@example.de")]
    [InlineData("anna@localhost")]
    [InlineData("anna@@example.de")]
    [InlineData("anna schmidt@example.de")]
    [InlineData("Anna <anna@example.de>")]
    [InlineData("anna@example.de, ben@example.de")]
    public void Something_that_is_not_one_plain_address_is_refused(string? raw)
    {
        Assert.Null(EmailAddress.Normalize(raw));
    }

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        var local = new string('a', 60);
        var domain = string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".de";
        var tooLong = $"{local}@{domain}";

        Assert.True(tooLong.Length > 254);
        Assert.Null(EmailAddress.Normalize(tooLong));
    }
}

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+4915123456789", "+4915123456789")]
    [InlineData("+49 151 2345 6789", "+4915123456789")]
    [InlineData("  +49 151 23456789  ", "+4915123456789")]
    [InlineData("+49-151-234-56789", "+4915123456789")]
    [InlineData("+49 (151) 234.567.89", "+4915123456789")]
    [InlineData("+49/151/23456789", "+4915123456789")]
    [InlineData("0049 151 23456789", "+4915123456789")]
    [InlineData("+1 (415) 555-0100", "+14155550100")]
    [InlineData("+49 (0)151 23456789", "+4915123456789")]
    [InlineData("+44 (0) 20 7946 0958", "+442079460958")]
    public void A_number_is_kept_in_E164_whatever_separators_were_typed(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(raw));
    }

    [Fact]
    public void The_same_phone_typed_two_ways_is_one_number()
    {
        Assert.Equal(PhoneNumber.Normalize("0049 (151) 2345-6789"), PhoneNumber.Normalize("+49 151 23456789"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("0151 23456789")]
    [InlineData("15123456789")]
    [InlineData("+0 151 23456789")]
    [InlineData("+49 151 2345678x")]
    [InlineData("+49 151 2345#6789")]
    [InlineData("+123456")]
    [InlineData("+1234567890123456")]
    [InlineData("++49 151 23456789")]
    [InlineData("+49 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7")]
    public void A_number_without_a_country_code_or_of_the_wrong_length_is_refused(string? raw)
    {
        Assert.Null(PhoneNumber.Normalize(raw));
    }

    [Theory]
    [InlineData("+1234567", "+1234567")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void E164_allows_seven_to_fifteen_digits(string raw, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(raw));
    }
}

public sealed class CardNumberTests
{
    [Theory]
    [InlineData("ab12cd34", "AB12CD34")]
    [InlineData("1234 5678 9012", "123456789012")]
    [InlineData("TREU-0042-77", "TREU004277")]
    public void A_card_number_is_kept_without_spaces_or_dashes_in_upper_case(string raw, string expected)
    {
        Assert.Equal(expected, CardNumber.Normalize(raw));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12345")]
    [InlineData("1234#5678")]
    [InlineData("1234_5678")]
    [InlineData("ÄBC12345")]
    [InlineData("123456789012345678901234567890123")]
    public void Something_too_short_too_long_or_with_other_characters_is_no_card_number(string? raw)
    {
        Assert.Null(CardNumber.Normalize(raw));
    }
}
