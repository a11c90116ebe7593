using Treu.Domain.Programs;
using Treu.Domain.Purchases;

namespace Treu.Domain.Tests.Purchases;

public sealed class EarnCalculatorTests
{
    private static LoyaltyProgram Program(decimal rate = 1m, PointsRounding rounding = PointsRounding.Floor) => new()
    {
        Id = "prg_test",
        Name = "Test program",
        QrSecret = "not-a-real-secret",
        EarnRate = rate,
        EarnRounding = rounding,
        PointValue = 0.01m,
    };

    private static BasketLine Line(decimal price, decimal quantity = 1, decimal discount = 0, string? category = null, string sku = "sku") =>
        new(sku, null, category, quantity, price, discount);

    [Fact]
    public void Ten_items_at_99_cents_earn_nine_points_not_zero()
    {
        var lines = Enumerable.Range(1, 10).Select(i => Line(0.99m, sku: $"sku_{i}")).ToList();

        var earning = EarnCalculator.Compute(Program(), lines, pointsRedeemed: 0);

        Assert.Equal(9.90m, earning.EligibleAmount);
        Assert.Equal(9, earning.Points);
        Assert.Equal(9, earning.Lines.Sum(l => l.Points));
    }

    [Fact]
    public void One_line_of_ten_items_at_99_cents_also_earns_nine_points()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(0.99m, quantity: 10)], 0);

        Assert.Equal(9.90m, earning.Lines[0].NetAmount);
        Assert.Equal(9, earning.Points);
    }

    [Fact]
    public void Points_are_earned_on_the_price_after_the_line_discount()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(25.00m, quantity: 2, discount: 10.00m)], 0);

        Assert.Equal(40.00m, earning.Total);
        Assert.Equal(40.00m, earning.EligibleAmount);
        Assert.Equal(40, earning.Points);
    }

    [Fact]
    public void A_line_net_amount_is_rounded_to_the_cent_half_away_from_zero()
    {
        Assert.Equal(1.01m, Line(0.335m, quantity: 3).NetAmount);
        Assert.Equal(1.00m, Line(0.3349m, quantity: 3).NetAmount);
    }

    [Theory]
    [InlineData("tax")]
    [InlineData("TAX")]
    [InlineData("Shipping")]
    [InlineData("GIFT_CARD")]
    public void Excluded_categories_earn_nothing_whatever_their_spelling(string category)
    {
        var earning = EarnCalculator.Compute(Program(), [Line(30.00m, category: "shoes"), Line(20.00m, category: category)], 0);

        Assert.Equal(50.00m, earning.Total);
        Assert.Equal(30.00m, earning.EligibleAmount);
        Assert.Equal(30, earning.Points);
        Assert.Equal((0m, 0L), (earning.Lines[1].EligibleAmount, earning.Lines[1].Points));
        Assert.Contains(category, earning.Lines[1].ExcludedBecause, StringComparison.Ordinal);
        Assert.Null(earning.Lines[0].ExcludedBecause);
    }

    [Fact]
    public void Lines_without_a_category_earn()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(12.00m, category: null)], 0);

        Assert.Equal(12, earning.Points);
    }

    [Fact]
    public void A_program_can_choose_its_own_excluded_categories()
    {
        var program = Program();
        program.ExcludedCategories = ["tobacco"];

        var earning = EarnCalculator.Compute(program, [Line(10m, category: "Tobacco"), Line(10m, category: "tax")], 0);

        Assert.Equal(10, earning.Points);
        Assert.NotNull(earning.Lines[0].ExcludedBecause);
        Assert.Null(earning.Lines[1].ExcludedBecause);
    }

    [Fact]
    public void The_share_paid_with_points_earns_nothing()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(20.00m)], pointsRedeemed: 500);

        Assert.Equal(5.00m, earning.RedeemedValue);
        Assert.Equal(15.00m, earning.EligibleAmount);
        Assert.Equal(15, earning.Points);
        Assert.Equal(5.00m, earning.Lines[0].RedeemedShare);
        Assert.Equal(500, earning.Lines[0].PointsRedeemed);
    }

    [Fact]
    public void Points_worth_more_than_the_basket_pay_at_most_the_basket_and_earn_nothing()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(3.00m)], pointsRedeemed: 1000);

        Assert.Equal(3.00m, earning.RedeemedValue);
        Assert.Equal(0m, earning.EligibleAmount);
        Assert.Equal(0, earning.Points);
    }

    [Fact]
    public void The_redeemed_value_is_split_over_the_lines_in_proportion_to_their_price()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(30.00m), Line(10.00m)], pointsRedeemed: 1000);

        Assert.Equal([7.50m, 2.50m], earning.Lines.Select(l => l.RedeemedShare));
        Assert.Equal([750L, 250L], earning.Lines.Select(l => l.PointsRedeemed));
        Assert.Equal([22.50m, 7.50m], earning.Lines.Select(l => l.EligibleAmount));
        Assert.Equal(30, earning.Points);
    }

    [Fact]
    public void The_earn_rate_multiplies_the_eligible_amount()
    {
        var earning = EarnCalculator.Compute(Program(rate: 2.5m), [Line(10.00m)], 0);

        Assert.Equal(25, earning.Points);
    }

    [Theory]
    [InlineData(PointsRounding.Floor, 9.50, 9)]
    [InlineData(PointsRounding.Nearest, 9.50, 10)]
    [InlineData(PointsRounding.Nearest, 8.50, 9)]
    [InlineData(PointsRounding.Ceiling, 9.50, 10)]
    [InlineData(PointsRounding.Floor, 9.49, 9)]
    [InlineData(PointsRounding.Nearest, 9.49, 9)]
    [InlineData(PointsRounding.Ceiling, 9.01, 10)]
    [InlineData(PointsRounding.Floor, 9.99, 9)]
    [InlineData(PointsRounding.Nearest, 9.00, 9)]
    [InlineData(PointsRounding.Ceiling, 9.00, 9)]
    public void The_basket_is_rounded_once_the_way_the_program_says(PointsRounding rounding, double amount, long expected)
    {
        var earning = EarnCalculator.Compute(Program(rounding: rounding), [Line((decimal)amount)], 0);

        Assert.Equal(expected, earning.Points);
        Assert.Equal(expected, EarnCalculator.Round((decimal)amount, rounding));
    }

    [Fact]
    public void The_breakdown_explains_the_base_rate()
    {
        var earning = EarnCalculator.Compute(Program(rate: 2m), [Line(10.00m), Line(5.00m, category: "tax")], 0);

        var step = Assert.Single(earning.Breakdown);
        Assert.Equal("base_rate", step.Rule);
        Assert.Equal((10.00m, 20L), (step.EligibleAmount, step.Points));
        Assert.Contains("2 points per EUR", step.Description, StringComparison.Ordinal);
        Assert.Contains("rounded floor", step.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_basket_earns_nothing()
    {
        var earning = EarnCalculator.Compute(Program(), [], 0);

        Assert.Equal((0m, 0L), (earning.Total, earning.Points));
        Assert.Empty(earning.Lines);
    }

    [Fact]
    public void Lines_are_numbered_from_one_in_basket_order()
    {
        var earning = EarnCalculator.Compute(Program(), [Line(1m), Line(2m), Line(3m)], 0);

        Assert.Equal([1, 2, 3], earning.Lines.Select(l => l.LineNo));
    }

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(103)]
    [InlineData(104)]
    [InlineData(105)]
    public void Per_line_points_always_add_up_to_the_basket_points(int seed)
    {
        var random = new Random(seed);
        var categories = new[] { null, "food", "shoes", "tax", "Gift_Card" };

        for (var basket = 0; basket < 300; basket++)
        {
            var program = Program(rate: random.Next(1, 40) / 4m, rounding: (PointsRounding)random.Next(3));
            var lines = Enumerable.Range(0, random.Next(1, 12)).Select(i =>
            {
                var price = random.Next(1, 20000) / 100m;
                var quantity = random.Next(1, 6);
                var discount = random.Next(4) == 0 ? Math.Round(price * quantity * random.Next(0, 60) / 100m, 2) : 0m;
                return Line(price, quantity, discount, categories[random.Next(categories.Length)], $"sku_{i}");
            }).ToList();
            var redeemed = random.Next(3) == 0 ? random.Next(0, 20000) : 0;

            var earning = EarnCalculator.Compute(program, lines, redeemed);

            Assert.Equal(earning.Points, earning.Lines.Sum(l => l.Points));
            Assert.Equal(earning.EligibleAmount, earning.Lines.Sum(l => l.EligibleAmount));
            Assert.Equal(earning.RedeemedValue, earning.Lines.Sum(l => l.RedeemedShare));
            Assert.Equal(earning.Total > 0 ? redeemed : 0, earning.Lines.Sum(l => l.PointsRedeemed));
            Assert.True(earning.RedeemedValue <= earning.Total, $"seed {seed}, basket {basket}");
            Assert.All(earning.Lines.Where(l => l.ExcludedBecause is not null), l => Assert.Equal(0, l.Points));
            Assert.Equal(EarnCalculator.Round(earning.EligibleAmount * program.EarnRate, program.EarnRounding), earning.Points);
        }
    }
}
