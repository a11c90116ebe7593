using Treu.Domain.Ledger;

namespace Treu.Domain.Tests.Ledger;

public sealed class EarningTests
{
    [Fact]
    public void Earned_points_wait_as_pending_through_the_return_window()
    {
        var books = new Books();

        var entry = books.Post(p => p.Earn(120, Books.Source()));

        Assert.Equal((0L, 120L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(EntryKind.Earn, entry.Kind);
        Assert.Equal((0L, 120L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal(120, entry.Points);
        var lot = books.LotOf(entry);
        Assert.Equal(LotState.Pending, lot.State);
        Assert.Equal((120L, 120L), (lot.Original, lot.Remaining));
        Assert.Equal(Books.Start.AddDays(14), lot.AvailableAt);
        Assert.Equal(120, books.Member.LifetimeEarned);
    }

    [Fact]
    public void Earned_points_expire_after_the_program_months()
    {
        var books = new Books(expiryMonths: 24);

        var lot = books.EarnPending(50);

        Assert.Equal(Books.Start, lot.EarnedAt);
        Assert.Equal(new DateTime(2028, 3, 2, 9, 30, 0, DateTimeKind.Utc), lot.ExpiresAt);
    }

    [Fact]
    public void Points_of_a_program_without_expiry_never_expire()
    {
        var books = new Books(expiryMonths: null);

        var lot = books.EarnPending(50);

        Assert.Null(lot.ExpiresAt);
    }

    [Fact]
    public void Points_earned_outside_the_return_window_are_available_at_once()
    {
        var books = new Books();

        var entry = books.Post(p => p.Earn(75, Books.Source(), pending: false));

        Assert.Equal((75L, 0L), (books.Member.Available, books.Member.Pending));
        Assert.Equal((75L, 0L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal(LotState.Available, books.LotOf(entry).State);
        Assert.Null(books.LotOf(entry).AvailableAt);
    }

    [Fact]
    public void A_program_without_a_return_window_never_holds_points_pending()
    {
        var books = new Books(pendingDays: 0);

        var entry = books.Post(p => p.Earn(75, Books.Source()));

        Assert.Equal((75L, 0L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(LotState.Available, books.LotOf(entry).State);
    }

    [Fact]
    public void Each_earning_is_its_own_lot()
    {
        var books = new Books();

        var first = books.EarnPending(10, "pur_1");
        var second = books.EarnPending(20, "pur_2");

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(("purchase", "pur_1"), (first.CauseType, first.CauseId));
        Assert.Equal(("purchase", "pur_2"), (second.CauseType, second.CauseId));
        Assert.Equal(30, books.Member.Pending);
    }

    [Fact]
    public void The_entry_records_what_caused_it_where_and_why()
    {
        var books = new Books();
        var source = new EntrySource("ecommerce", "store_web", "api_key_7", "purchase", "pur_42", "Order 42");

        var entry = books.Post(p => p.Earn(10, source));

        Assert.Equal(("ecommerce", "store_web", "api_key_7"), (entry.Channel, entry.StoreId, entry.Actor));
        Assert.Equal(("purchase", "pur_42", "Order 42"), (entry.CauseType, entry.CauseId, entry.Reason));
        Assert.Equal((books.Program.Id, books.Member.Id), (entry.ProgramId, entry.MemberId));
        Assert.Equal(Books.Start, entry.CreatedAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Earning_nothing_or_less_is_refused_and_leaves_no_trace(long points)
    {
        var books = new Books();

        Assert.Throws<ArgumentOutOfRangeException>(() => books.Post(p => p.Earn(points, Books.Source())));

        Assert.Empty(books.Entries);
        Assert.Empty(books.Lots);
        Assert.Equal(0, books.Member.LastSeq);
    }
}

public sealed class ActivationTests
{
    [Fact]
    public void After_the_return_window_pending_points_become_available()
    {
        var books = new Books();
        var lot = books.EarnPending(120);
        books.Now = lot.AvailableAt!.Value;

        var entry = books.Activate(lot);

        Assert.NotNull(entry);
        Assert.Equal(EntryKind.Activate, entry.Kind);
        Assert.Equal((120L, -120L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal(120, entry.Points);
        Assert.Equal(lot.Id, entry.LotId);
        Assert.Equal((120L, 0L), (books.Member.Available, books.Member.Pending));
        Assert.Equal(LotState.Available, lot.State);
        Assert.Equal(120, lot.Remaining);
    }

    [Fact]
    public void Activation_does_not_count_as_earning_again()
    {
        var books = new Books();
        var lot = books.EarnPending(120);

        books.Activate(lot);

        Assert.Equal(120, books.Member.LifetimeEarned);
    }

    [Fact]
    public void After_a_partial_return_only_what_is_left_becomes_available()
    {
        var books = new Books();
        var lot = books.EarnPending(100);
        books.Reverse(30, lot);

        var entry = books.Activate(lot);

        Assert.Equal((70L, -70L), (entry!.AvailableDelta, entry.PendingDelta));
        Assert.Equal((70L, 0L), (books.Member.Available, books.Member.Pending));
    }

    [Fact]
    public void Activating_a_lot_that_is_already_available_posts_nothing()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100);

        var entry = books.Activate(lot);

        Assert.Null(entry);
        Assert.Single(books.Entries);
        Assert.Equal(100, books.Member.Available);
    }

    [Fact]
    public void A_purchase_returned_in_full_inside_the_window_has_nothing_to_activate()
    {
        var books = new Books();
        var lot = books.EarnPending(100);
        books.Reverse(100, lot);

        var entry = books.Activate(lot);

        Assert.Null(entry);
        Assert.Equal(LotState.Closed, lot.State);
        Assert.Equal((0L, 0L), (books.Member.Available, books.Member.Pending));
    }
}
