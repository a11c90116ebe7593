using Treu.Domain.Ledger;
using Treu.Domain.Programs;

namespace Treu.Domain.Tests.Ledger;

public sealed class ReversalTests
{
    [Fact]
    public void A_return_inside_the_window_takes_back_the_purchase_pending_points()
    {
        var books = new Books();
        books.EarnAvailable(500, "pur_old");
        var lot = books.EarnPending(100, "pur_1");

        var reversal = books.Reverse(40, lot);

        Assert.Equal((40L, 0L, 0L), (reversal.FromPending, reversal.FromAvailable, reversal.Shortfall));
        Assert.Equal(40, reversal.Reversed);
        Assert.Equal(EntryKind.Reverse, reversal.Entry!.Kind);
        Assert.Equal((0L, -40L), (reversal.Entry.AvailableDelta, reversal.Entry.PendingDelta));
        Assert.Equal(lot.Id, reversal.Entry.LotId);
        Assert.Equal((500L, 60L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(60, lot.Remaining);
        Assert.Equal(LotState.Pending, lot.State);
    }

    [Fact]
    public void Returning_the_whole_purchase_inside_the_window_closes_its_lot()
    {
        var books = new Books();
        var lot = books.EarnPending(100);

        books.Reverse(100, lot);

        Assert.Equal((LotState.Closed, 0L), (lot.State, lot.Remaining));
        Assert.Equal((0L, 0L), (books.Member.Available, books.Member.Pending));
    }

    [Fact]
    public void A_return_beyond_the_pending_points_continues_from_available_points()
    {
        var books = new Books();
        var other = books.EarnAvailable(500, "pur_old");
        var lot = books.EarnPending(100, "pur_1");
        books.Reverse(80, lot);

        var reversal = books.Reverse(50, lot);

        Assert.Equal((20L, 30L, 0L), (reversal.FromPending, reversal.FromAvailable, reversal.Shortfall));
        Assert.Equal((-30L, -20L), (reversal.Entry!.AvailableDelta, reversal.Entry.PendingDelta));
        Assert.Equal((470L, 0L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(470, other.Remaining);
    }

    [Fact]
    public void A_return_after_the_window_takes_from_the_purchase_own_lot_first()
    {
        var books = new Books();
        var earlier = books.EarnAvailable(100, "pur_old");
        earlier.ExpiresAt = Books.Start.AddDays(5);
        var lot = books.EarnPending(100, "pur_1");
        books.Activate(lot);

        var reversal = books.Reverse(60, lot);

        Assert.Equal((0L, 60L), (reversal.FromPending, reversal.FromAvailable));
        Assert.Equal((40L, 100L), (lot.Remaining, earlier.Remaining));
        Assert.Equal(140, books.Member.Available);
    }

    [Fact]
    public void When_the_purchase_lot_is_spent_the_return_takes_other_points_earliest_expiry_first()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100, "pur_1");
        books.Redeem(100);
        var late = books.EarnAvailable(100, "pur_late");
        late.ExpiresAt = Books.Start.AddMonths(20);
        var early = books.EarnAvailable(100, "pur_early");
        early.ExpiresAt = Books.Start.AddMonths(2);

        var reversal = books.Reverse(60, lot);

        Assert.Equal(60, reversal.FromAvailable);
        Assert.Equal((40L, 100L), (early.Remaining, late.Remaining));
    }

    [Fact]
    public void Return_of_half_the_basket_reverses_half_the_points()
    {
        var books = new Books();
        var lot = books.EarnPending(90);
        var half = Treu.Domain.Purchases.Allocation.Cumulative(90, before: 0, part: 1, of: 2);

        books.Reverse(half, lot);

        Assert.Equal(45, books.Member.Pending);
        Assert.Equal(45, books.Member.LifetimeEarned);
    }

    [Fact]
    public void Clamp_policy_records_the_shortfall_instead_of_going_negative()
    {
        var books = new Books(SpentPointsReturnPolicy.ClampToZero);
        var lot = books.EarnAvailable(100);
        books.Redeem(70);

        var reversal = books.Reverse(100, lot);

        Assert.Equal((0L, 30L, 70L), (reversal.FromPending, reversal.FromAvailable, reversal.Shortfall));
        Assert.Equal(-30, reversal.Entry!.AvailableDelta);
        Assert.Equal(0, books.Member.Available);
        Assert.Equal(70, books.Member.LifetimeEarned);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void Clamp_policy_with_nothing_left_posts_no_entry_and_records_the_whole_shortfall()
    {
        var books = new Books(SpentPointsReturnPolicy.ClampToZero);
        var lot = books.EarnAvailable(100);
        books.Redeem(100);
        var seqBefore = books.Member.LastSeq;

        var reversal = books.Reverse(100, lot);

        Assert.Null(reversal.Entry);
        Assert.Equal((0L, 100L), (reversal.Reversed, reversal.Shortfall));
        Assert.Equal(seqBefore, books.Member.LastSeq);
        Assert.Equal(0, books.Member.Available);
    }

    [Fact]
    public void Clamp_policy_still_takes_pending_points_first_and_clamps_only_the_rest()
    {
        var books = new Books(SpentPointsReturnPolicy.ClampToZero);
        books.EarnAvailable(10, "pur_old");
        var lot = books.EarnPending(50, "pur_1");
        books.Reverse(30, lot);

        var reversal = books.Reverse(40, lot);

        Assert.Equal((20L, 10L, 10L), (reversal.FromPending, reversal.FromAvailable, reversal.Shortfall));
        Assert.Equal((0L, 0L), (books.Member.Available, books.Member.Pending));
    }

    [Fact]
    public void Allow_negative_policy_takes_the_balance_below_zero()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100);
        books.Redeem(70);

        var reversal = books.Reverse(100, lot);

        Assert.Equal((0L, 100L, 0L), (reversal.FromPending, reversal.FromAvailable, reversal.Shortfall));
        Assert.Equal(-100, reversal.Entry!.AvailableDelta);
        Assert.Equal(-70, books.Member.Available);
        Assert.Equal(0, books.AvailableInLots);
        Assert.Equal(0, books.Member.LifetimeEarned);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void Allow_negative_policy_settles_the_debt_from_the_next_points()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100, "pur_1");
        books.Redeem(100);
        books.Reverse(100, lot);

        var next = books.EarnAvailable(250, "pur_2");

        Assert.Equal(150, books.Member.Available);
        Assert.Equal((250L, 150L), (next.Original, next.Remaining));
        Assert.Equal("insufficient_points",
            books.Post(p => p.Spend(EntryKind.Redeem, 151, books.SpendingOrder, Books.Source("pur_3"))).Failure?.Code);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void A_debt_larger_than_the_next_points_swallows_them_all()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100, "pur_1");
        books.Redeem(100);
        books.Reverse(100, lot);

        var next = books.EarnAvailable(40, "pur_2");

        Assert.Equal(-60, books.Member.Available);
        Assert.Equal((LotState.Closed, 0L), (next.State, next.Remaining));
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void Pending_points_pay_off_a_debt_only_once_they_become_available()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100, "pur_1");
        books.Redeem(100);
        books.Reverse(100, lot);
        var next = books.EarnPending(250, "pur_2");

        Assert.Equal((-100L, 250L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(250, next.Remaining);

        books.Activate(next);

        Assert.Equal((150L, 0L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(150, next.Remaining);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void Under_allow_negative_each_return_of_spent_points_deepens_the_debt()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var first = books.EarnAvailable(100, "pur_1");
        var second = books.EarnAvailable(50, "pur_2");
        books.Redeem(150);
        books.Reverse(100, first);

        var reversal = books.Reverse(50, second);

        Assert.Equal(-150, books.Member.Available);
        Assert.Equal(-50, reversal.Entry!.AvailableDelta);
        Assert.Empty(books.Verify());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Reversing_nothing_or_less_is_refused(long points)
    {
        var books = new Books();
        var lot = books.EarnPending(100);

        Assert.Throws<ArgumentOutOfRangeException>(() => books.Reverse(points, lot));
        Assert.Equal(100, lot.Remaining);
    }
}

public sealed class ExpiryTests
{
    [Fact]
    public void What_is_left_of_a_lot_expires_on_its_date()
    {
        var books = new Books(expiryMonths: 24);
        var lot = books.EarnAvailable(100);
        books.Redeem(30);
        books.Now = lot.ExpiresAt!.Value;

        var entry = books.Expire(lot);

        Assert.NotNull(entry);
        Assert.Equal(EntryKind.Expire, entry.Kind);
        Assert.Equal((-70L, 0L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal(lot.Id, entry.LotId);
        Assert.Equal(0, books.Member.Available);
        Assert.Equal((LotState.Closed, 0L), (lot.State, lot.Remaining));
    }

    [Fact]
    public void Expiring_one_lot_leaves_the_others_alone()
    {
        var books = new Books();
        var old = books.EarnAvailable(100, "pur_old");
        var young = books.EarnAvailable(40, "pur_young");

        books.Expire(old);

        Assert.Equal(40, books.Member.Available);
        Assert.Equal(40, young.Remaining);
    }

    [Fact]
    public void A_lot_spent_in_full_has_nothing_to_expire()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100);
        books.Redeem(100);

        Assert.Null(books.Expire(lot));
        Assert.Equal(2, books.Member.LastSeq);
    }

    [Fact]
    public void Pending_points_do_not_expire()
    {
        var books = new Books();
        var lot = books.EarnPending(100);

        Assert.Null(books.Expire(lot));
        Assert.Equal(100, books.Member.Pending);
        Assert.Equal(LotState.Pending, lot.State);
    }

    [Fact]
    public void A_lot_expires_only_once()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100);

        books.Expire(lot);
        var again = books.Expire(lot);

        Assert.Null(again);
        Assert.Equal(0, books.Member.Available);
    }
}
