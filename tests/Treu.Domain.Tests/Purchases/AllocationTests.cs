using Treu.Domain.Purchases;

namespace Treu.Domain.Tests.Purchases;

public sealed class AllocationTests
{
    [Fact]
    public void Points_split_in_proportion_to_the_weights()
    {
        Assert.Equal([50L, 30L, 20L], Allocation.Points(100, [5m, 3m, 2m]));
    }

    [Fact]
    public void The_leftover_points_go_to_the_largest_remainders()
    {
        // Exact shares 1.6, 2.4 and 6.0: the tenth point goes to the line closest to its next point.
        Assert.Equal([2L, 2L, 6L], Allocation.Points(10, [1.6m, 2.4m, 6m]));
    }

    [Fact]
    public void Ties_go_to_the_earlier_line()
    {
        Assert.Equal([1L, 0L, 0L], Allocation.Points(1, [1m, 1m, 1m]));
        Assert.Equal([1L, 1L, 0L], Allocation.Points(2, [1m, 1m, 1m]));
    }

    [Fact]
    public void Lines_with_no_weight_get_nothing()
    {
        Assert.Equal([0L, 7L, 0L], Allocation.Points(7, [0m, 3m, -2m]));
    }

    [Fact]
    public void Nothing_to_split_or_nothing_to_split_over_gives_zeros()
    {
        Assert.Equal([0L, 0L], Allocation.Points(0, [1m, 2m]));
        Assert.Equal([0L, 0L], Allocation.Points(10, [0m, 0m]));
        Assert.Empty(Allocation.Points(10, []));
    }

    [Fact]
    public void Money_splits_to_the_cent_and_adds_up()
    {
        Assert.Equal([3.34m, 3.33m, 3.33m], Allocation.Money(10.00m, [1m, 1m, 1m]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Allocated_points_always_add_up_to_the_whole_and_stay_within_a_point_of_the_exact_share(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 500; run++)
        {
            var whole = random.Next(0, 3) == 0 ? random.Next(0, 10) : random.Next(0, 1_000_000);
            var weights = Enumerable.Range(0, random.Next(1, 15))
                .Select(_ => random.Next(5) == 0 ? 0m : random.Next(1, 1_000_000) / 100m)
                .ToList();

            var pieces = Allocation.Points(whole, weights);

            var sum = weights.Sum();
            Assert.Equal(sum > 0 ? whole : 0, pieces.Sum());
            for (var i = 0; i < weights.Count; i++)
            {
                var exact = sum > 0 ? whole * weights[i] / sum : 0m;
                Assert.InRange(pieces[i], Math.Floor(exact), Math.Ceiling(exact));
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Allocated_money_always_adds_up_to_the_whole(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 500; run++)
        {
            var whole = random.Next(1, 100_000) / 100m;
            var weights = Enumerable.Range(0, random.Next(1, 10)).Select(_ => random.Next(1, 50_000) / 100m).ToList();

            Assert.Equal(whole, Allocation.Money(whole, weights).Sum());
        }
    }

    [Fact]
    public void Returning_half_a_line_reverses_half_its_points()
    {
        Assert.Equal(5, Allocation.Cumulative(10, before: 0, part: 1, of: 2));
    }

    [Fact]
    public void Returning_one_item_at_a_time_adds_up_to_the_whole_line()
    {
        // 10 points over 3 items: 3, 3 and the last item takes the rest.
        var first = Allocation.Cumulative(10, before: 0, part: 1, of: 3);
        var second = Allocation.Cumulative(10, before: 1, part: 1, of: 3);
        var third = Allocation.Cumulative(10, before: 2, part: 1, of: 3);

        Assert.Equal((3L, 3L, 4L), (first, second, third));
    }

    [Fact]
    public void Returning_the_rest_of_a_line_takes_exactly_what_is_left()
    {
        var first = Allocation.Cumulative(7, before: 0, part: 0.5m, of: 1.5m);
        var rest = Allocation.Cumulative(7, before: 0.5m, part: 1m, of: 1.5m);

        Assert.Equal(7, first + rest);
    }

    [Fact]
    public void A_return_of_more_than_is_left_reverses_only_what_is_left()
    {
        Assert.Equal(7, Allocation.Cumulative(10, before: 1, part: 5, of: 3));
    }

    [Fact]
    public void A_line_with_no_quantity_reverses_nothing()
    {
        Assert.Equal(0, Allocation.Cumulative(10, before: 0, part: 1, of: 0));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    [InlineData(25)]
    public void Successive_partial_returns_add_up_to_exactly_the_line_points_and_never_more(int seed)
    {
        var random = new Random(seed);
        for (var run = 0; run < 500; run++)
        {
            var whole = random.Next(0, 5000);
            var quantity = random.Next(2) == 0 ? random.Next(1, 30) : random.Next(1, 3000) / 1000m;
            decimal before = 0;
            long reversed = 0;

            while (before < quantity)
            {
                var part = Math.Min(quantity - before, Math.Max(0.001m, Math.Round((decimal)random.NextDouble() * quantity / 2, 3)));
                var piece = Allocation.Cumulative(whole, before, part, quantity);

                Assert.True(piece >= 0, $"seed {seed}, run {run}: a return reversed {piece}");
                reversed += piece;
                before += part;
                Assert.True(reversed <= whole, $"seed {seed}, run {run}: {reversed} reversed of {whole}");
            }

            Assert.Equal(whole, reversed);
        }
    }
}
