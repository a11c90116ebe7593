using Treu.Domain.Programs;
using Treu.Domain.Purchases;

namespace Treu.Domain.Tests.Purchases;

public sealed class RedemptionPolicyTests
{
    /// <summary>One point is worth a cent; at least 100 points; points pay at most half a basket.</summary>
    private static LoyaltyProgram Program(long min = 100, long? max = null, decimal share = 0.5m, decimal pointValue = 0.01m) => new()
    {
        Id = "prg_test",
        Name = "Test program",
        QrSecret = "not-a-real-secret",
        MinRedemptionPoints = min,
        MaxRedemptionPoints = max,
        MaxRedemptionShare = share,
        PointValue = pointValue,
    };

    [Fact]
    public void A_redemption_within_every_limit_is_allowed()
    {
        Assert.Null(RedemptionPolicy.Check(Program(), basketTotal: 40.00m, available: 5000, points: 2000));
    }

    [Fact]
    public void Fewer_points_than_the_minimum_are_refused()
    {
        var failure = RedemptionPolicy.Check(Program(min: 100), 40.00m, 5000, points: 99);

        Assert.Equal("redemption_below_minimum", failure?.Code);
        Assert.Equal("redeemPoints", failure?.Field);
        Assert.Null(RedemptionPolicy.Check(Program(min: 100), 40.00m, 5000, points: 100));
    }

    [Fact]
    public void More_points_than_the_maximum_are_refused()
    {
        Assert.Equal("redemption_above_maximum", RedemptionPolicy.Check(Program(max: 1000), 40.00m, 5000, points: 1001)?.Code);
        Assert.Null(RedemptionPolicy.Check(Program(max: 1000), 40.00m, 5000, points: 1000));
    }

    [Fact]
    public void Points_may_not_pay_more_than_the_program_share_of_the_basket()
    {
        var failure = RedemptionPolicy.Check(Program(share: 0.5m), basketTotal: 40.00m, available: 5000, points: 2001);

        Assert.Equal("redemption_above_basket_share", failure?.Code);
        Assert.Contains("2000", failure?.Message, StringComparison.Ordinal);
        Assert.Null(RedemptionPolicy.Check(Program(share: 0.5m), 40.00m, 5000, points: 2000));
    }

    [Fact]
    public void More_points_than_the_member_has_are_refused()
    {
        var failure = RedemptionPolicy.Check(Program(), 40.00m, available: 150, points: 151);

        Assert.Equal("insufficient_points", failure?.Code);
        Assert.Contains("150", failure?.Message, StringComparison.Ordinal);
        Assert.Null(RedemptionPolicy.Check(Program(), 40.00m, available: 150, points: 150));
    }

    [Fact]
    public void The_most_redeemable_is_limited_by_the_basket_share()
    {
        Assert.Equal(2000, RedemptionPolicy.MaxRedeemable(Program(share: 0.5m), basketTotal: 40.00m, available: 5000));
    }

    [Fact]
    public void The_most_redeemable_is_limited_by_the_balance()
    {
        Assert.Equal(700, RedemptionPolicy.MaxRedeemable(Program(), basketTotal: 40.00m, available: 700));
    }

    [Fact]
    public void The_most_redeemable_is_limited_by_the_program_maximum()
    {
        Assert.Equal(1000, RedemptionPolicy.MaxRedeemable(Program(max: 1000), basketTotal: 40.00m, available: 5000));
    }

    [Fact]
    public void When_the_most_redeemable_is_below_the_minimum_nothing_can_be_redeemed()
    {
        Assert.Equal(0, RedemptionPolicy.MaxRedeemable(Program(min: 100), basketTotal: 40.00m, available: 99));
        Assert.Equal(0, RedemptionPolicy.MaxRedeemable(Program(min: 100), basketTotal: 1.98m, available: 5000));
    }

    [Fact]
    public void A_member_in_debt_or_an_empty_basket_can_redeem_nothing()
    {
        Assert.Equal(0, RedemptionPolicy.MaxRedeemable(Program(min: 0), 40.00m, available: -300));
        Assert.Equal(0, RedemptionPolicy.MaxRedeemable(Program(min: 0), basketTotal: 0m, available: 5000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_most_redeemable_always_passes_the_check_and_one_point_more_never_does(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 1000; run++)
        {
            var program = Program(
                min: random.Next(0, 500),
                max: random.Next(3) == 0 ? random.Next(1, 5000) : null,
                share: random.Next(1, 101) / 100m,
                pointValue: random.Next(1, 11) / 100m);
            var total = random.Next(0, 50_000) / 100m;
            var available = random.Next(-200, 10_000);

            var max = RedemptionPolicy.MaxRedeemable(program, total, available);

            if (max > 0)
            {
                Assert.Null(RedemptionPolicy.Check(program, total, available, max));
                Assert.NotNull(RedemptionPolicy.Check(program, total, available, max + 1));
            }
            else
            {
                var any = random.Next(1, 10_000);
                Assert.NotNull(RedemptionPolicy.Check(program, total, available, any));
            }
        }
    }
}
