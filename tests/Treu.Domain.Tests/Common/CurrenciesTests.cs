using Treu.Domain.Common;

namespace Treu.Domain.Tests.Common;

public sealed class CurrenciesTests
{
    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("CHF")]
    [InlineData("JPY")]
    [InlineData("PLN")]
    public void The_currencies_of_the_shops_are_accepted(string code)
    {
        Assert.True(Currencies.IsKnown(code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("Eur")]
    [InlineData("EURO")]
    [InlineData("EU")]
    [InlineData("QQQ")]
    [InlineData(" EUR")]
    public void Anything_but_a_known_upper_case_ISO_4217_code_is_refused(string? code)
    {
        Assert.False(Currencies.IsKnown(code));
    }
}
