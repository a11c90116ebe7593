using Treu.Domain.Purchases;

namespace Treu.Domain.Tests.Purchases;

/// <summary>Which lines a return takes back, and how many points each gives back (<see cref="Purchase.AllocateReturn"/>).</summary>
public sealed class ReturnAllocationTests
{
    private static Purchase Bought(params (string Sku, decimal Quantity, long Earned, long Redeemed)[] lines)
    {
        var purchase = new Purchase { Id = "txn_1", ProgramId = "prg", MemberId = "mbr", Channel = "store", ExternalId = "R-1", Currency = "EUR" };
        purchase.Lines.AddRange(lines.Select((l, i) => new PurchaseLine
        {
            ProgramId = "prg",
            MemberId = "mbr",
            PurchaseId = "txn_1",
            LineNo = i + 1,
            Sku = l.Sku,
            Quantity = l.Quantity,
            PointsEarned = l.Earned,
            PointsRedeemed = l.Redeemed,
        }));
        return purchase;
    }

    [Fact]
    public void Returning_one_line_gives_back_exactly_its_points()
    {
        var purchase = Bought(("SHIRT", 2, 50, 0), ("JEANS", 1, 50, 400));

        var shares = purchase.AllocateReturn([("JEANS", 1m)]).Value;

        var share = Assert.Single(shares);
        Assert.Equal((2, 1m, 50L, 400L), (share.Line.LineNo, share.Quantity, share.PointsReversed, share.PointsRefunded));
        Assert.Equal(1, purchase.Lines[1].ReturnedQuantity);
        Assert.Equal(0, purchase.Lines[0].ReturnedQuantity);
    }

    [Fact]
    public void A_line_returned_in_parts_gives_back_in_total_what_it_earned()
    {
        var purchase = Bought(("SOCKS", 3, 10, 7));

        var parts = Enumerable.Range(0, 3).Select(_ => Assert.Single(purchase.AllocateReturn([("SOCKS", 1m)]).Value)).ToList();

        Assert.Equal(10, parts.Sum(p => p.PointsReversed));
        Assert.Equal(7, parts.Sum(p => p.PointsRefunded));
        Assert.Equal("line_already_returned", purchase.AllocateReturn([("SOCKS", 1m)]).Failure?.Code);
    }

    [Fact]
    public void Without_lines_everything_not_yet_returned_comes_back()
    {
        var purchase = Bought(("A", 2, 20, 0), ("B", 1, 10, 0));
        purchase.AllocateReturn([("A", 1m)]);

        var rest = purchase.AllocateReturn(null).Value;

        Assert.Equal([(1, 1m), (2, 1m)], rest.Select(s => (s.Line.LineNo, s.Quantity)));
        Assert.Equal("line_already_returned", purchase.AllocateReturn([]).Failure?.Code);
    }

    [Fact]
    public void A_sku_on_two_lines_is_returned_from_the_first_line_first_and_named_twice_makes_one_share_per_line()
    {
        var purchase = Bought(("APPLE", 2, 20, 0), ("APPLE", 3, 30, 0));

        var shares = purchase.AllocateReturn([("APPLE", 1m), ("APPLE", 2m)]).Value;

        Assert.Equal([(1, 2m, 20L), (2, 1m, 10L)], shares.Select(s => (s.Line.LineNo, s.Quantity, s.PointsReversed)));
    }

    [Fact]
    public void A_refused_return_changes_no_line()
    {
        var purchase = Bought(("A", 1, 10, 0), ("B", 1, 10, 0));

        var tooMuch = purchase.AllocateReturn([("A", 1m), ("B", 2m)]);
        var unknown = purchase.AllocateReturn([("A", 1m), ("Z", 1m)]);

        Assert.Equal("line_already_returned", tooMuch.Failure?.Code);
        Assert.Equal("line_not_in_purchase", unknown.Failure?.Code);
        Assert.All(purchase.Lines, l => Assert.Equal(0, l.ReturnedQuantity));
        Assert.All(purchase.Lines, l => Assert.Equal(0, l.PointsReversed));
    }
}
