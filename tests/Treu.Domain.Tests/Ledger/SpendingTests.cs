using Treu.Domain.Ledger;

namespace Treu.Domain.Tests.Ledger;

public sealed class SpendingTests
{
    [Fact]
    public void Spending_takes_the_lots_that_expire_first()
    {
        var books = new Books();
        var late = books.EarnAvailable(100, "pur_late");
        late.ExpiresAt = Books.Start.AddMonths(12);
        var early = books.EarnAvailable(100, "pur_early");
        early.ExpiresAt = Books.Start.AddMonths(3);
        var middle = books.EarnAvailable(100, "pur_middle");
        middle.ExpiresAt = Books.Start.AddMonths(6);

        var spent = books.Post(p => p.Spend(EntryKind.Redeem, 150, books.SpendingOrder, Books.Source("pur_redeem"))).Value;

        Assert.Equal([(early, 100L), (middle, 50L)], spent.Taken.Select(t => (t.Lot, t.Points)));
        Assert.Equal((0L, 50L, 100L), (early.Remaining, middle.Remaining, late.Remaining));
        Assert.Equal(LotState.Closed, early.State);
        Assert.Equal(LotState.Available, middle.State);
        Assert.Equal(150, books.Member.Available);
    }

    [Fact]
    public void Points_that_never_expire_are_spent_last()
    {
        var books = new Books();
        var forever = books.EarnAvailable(100, "pur_forever");
        forever.ExpiresAt = null;
        var expiring = books.EarnAvailable(100, "pur_expiring");
        expiring.ExpiresAt = Books.Start.AddYears(10);

        books.Redeem(100);

        Assert.Equal((100L, 0L), (forever.Remaining, expiring.Remaining));
    }

    [Fact]
    public void Of_lots_expiring_the_same_day_the_older_is_spent_first()
    {
        var books = new Books();
        var older = books.EarnAvailable(100, "pur_older");
        books.Now = Books.Start.AddDays(1);
        var newer = books.EarnAvailable(100, "pur_newer");
        newer.ExpiresAt = older.ExpiresAt;

        books.Redeem(60);

        Assert.Equal((40L, 100L), (older.Remaining, newer.Remaining));
    }

    [Fact]
    public void A_redemption_posts_one_entry_taking_the_points_from_available()
    {
        var books = new Books();
        books.EarnAvailable(300);

        var entry = books.Redeem(120);

        Assert.Equal(EntryKind.Redeem, entry.Kind);
        Assert.Equal((-120L, 0L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal(-120, entry.Points);
        Assert.Equal(180, books.Member.Available);
        Assert.Equal(120, books.Member.LifetimeSpent);
        Assert.Equal(180, books.AvailableInLots);
    }

    [Fact]
    public void A_spend_from_one_lot_names_that_lot_and_one_from_several_names_none()
    {
        var books = new Books();
        var first = books.EarnAvailable(100, "pur_1");
        books.Now = Books.Start.AddDays(1);
        books.EarnAvailable(100, "pur_2");

        var fromOne = books.Redeem(40);
        var fromTwo = books.Redeem(100);

        Assert.Equal(first.Id, fromOne.LotId);
        Assert.Null(fromTwo.LotId);
    }

    [Fact]
    public void Spending_more_than_is_available_fails_and_changes_nothing()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100);
        var hashBefore = books.Member.LastHash;

        var result = books.Post(p => p.Spend(EntryKind.Redeem, 101, books.SpendingOrder, Books.Source("pur_redeem")));

        Assert.False(result.Succeeded);
        Assert.Equal("insufficient_points", result.Failure!.Code);
        Assert.Equal("points", result.Failure.Field);
        Assert.Equal(100, books.Member.Available);
        Assert.Equal(100, lot.Remaining);
        Assert.Single(books.Entries);
        Assert.Equal((1L, hashBefore), (books.Member.LastSeq, books.Member.LastHash));
        Assert.Equal(0, books.Member.LifetimeSpent);
    }

    [Fact]
    public void Pending_points_cannot_be_spent()
    {
        var books = new Books();
        books.EarnAvailable(50, "pur_old");
        books.EarnPending(500, "pur_new");

        var result = books.Post(p => p.Spend(EntryKind.Redeem, 100, books.SpendingOrder, Books.Source("pur_redeem")));

        Assert.Equal("insufficient_points", result.Failure?.Code);
        Assert.Equal((50L, 500L), (books.Member.Available, books.Member.Pending));
    }

    [Fact]
    public void Spending_everything_closes_every_lot()
    {
        var books = new Books();
        var a = books.EarnAvailable(30, "pur_a");
        var b = books.EarnAvailable(70, "pur_b");

        books.Redeem(100);

        Assert.Equal(0, books.Member.Available);
        Assert.All([a, b], l => Assert.Equal((LotState.Closed, 0L), (l.State, l.Remaining)));
    }

    [Fact]
    public void A_negative_adjustment_takes_points_without_counting_as_spent()
    {
        var books = new Books();
        books.EarnAvailable(100);

        var entry = books.Post(p => p.Spend(EntryKind.Adjust, 40, books.SpendingOrder, Books.Source("adj_1", "adjustment", "Goodwill corrected"))).Value.Entry;

        Assert.Equal(EntryKind.Adjust, entry.Kind);
        Assert.Equal(-40, entry.AvailableDelta);
        Assert.Equal(60, books.Member.Available);
        Assert.Equal(0, books.Member.LifetimeSpent);
    }

    [Fact]
    public void Lots_that_do_not_cover_the_balance_stop_the_spend_instead_of_inventing_points()
    {
        var books = new Books();
        books.EarnAvailable(100);
        books.Member.Available = 500; // a cached balance the lots do not back

        Assert.Throws<InvalidOperationException>(() =>
            books.Post(p => p.Spend(EntryKind.Redeem, 300, books.SpendingOrder, Books.Source("pur_redeem"))));
        Assert.Equal(500, books.Member.Available);
        Assert.Single(books.Entries);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Spending_nothing_or_less_is_refused(long points)
    {
        var books = new Books();
        books.EarnAvailable(100);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            books.Post(p => p.Spend(EntryKind.Redeem, points, books.SpendingOrder, Books.Source("pur_redeem"))));
        Assert.Equal(100, books.Member.Available);
    }

    [Fact]
    public void The_spending_order_skips_pending_and_empty_lots()
    {
        var books = new Books();
        var pending = books.EarnPending(100, "pur_pending");
        pending.ExpiresAt = Books.Start.AddDays(30);
        var available = books.EarnAvailable(100, "pur_available");
        var empty = books.EarnAvailable(10, "pur_empty");
        empty.ExpiresAt = Books.Start.AddDays(1);
        empty.Remaining = 0;

        Assert.Equal([available], books.SpendingOrder);
    }
}
