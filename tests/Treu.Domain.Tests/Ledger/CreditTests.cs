using Treu.Domain.Ledger;
using Treu.Domain.Programs;

namespace Treu.Domain.Tests.Ledger;

public sealed class CreditTests
{
    [Fact]
    public void A_manual_credit_is_available_at_once_and_expires_by_the_program_rules()
    {
        var books = new Books(expiryMonths: 12);

        var entry = books.Post(p => p.Credit(EntryKind.Adjust, 1500, Books.Source("adj_1", "adjustment", "Welcome points")));

        Assert.Equal(EntryKind.Adjust, entry.Kind);
        Assert.Equal((1500L, 0L), (entry.AvailableDelta, entry.PendingDelta));
        Assert.Equal((1500L, 0L), (books.Member.Available, books.Member.Pending));
        var lot = books.LotOf(entry);
        Assert.Equal(LotState.Available, lot.State);
        Assert.Equal(1500, lot.Remaining);
        Assert.Equal(Books.Start.AddMonths(12), lot.ExpiresAt);
    }

    [Fact]
    public void A_transfer_carries_the_expiry_dates_of_the_points_it_moves()
    {
        var books = new Books();
        var soon = Books.Start.AddDays(10);
        var later = Books.Start.AddMonths(8);

        var entry = books.Post(p => p.Credit(EntryKind.TransferIn, [(30, soon), (70, later)], Books.Source("trf_1", "transfer", "From member 1234567897")));

        Assert.Equal(EntryKind.TransferIn, entry.Kind);
        Assert.Equal(100, entry.AvailableDelta);
        Assert.Equal(100, books.Member.Available);
        Assert.Equal([(30L, (DateTime?)soon), (70L, later)], books.Lots.Select(l => (l.Remaining, l.ExpiresAt)));
        Assert.Equal(books.Lots[0].Id, entry.LotId);
    }

    [Fact]
    public void Parts_of_zero_points_create_no_lot()
    {
        var books = new Books();

        books.Post(p => p.Credit(EntryKind.TransferIn, [(0, null), (25, null)], Books.Source("trf_1", "transfer", "Transfer")));

        var lot = Assert.Single(books.Lots);
        Assert.Equal(25, lot.Remaining);
    }

    [Fact]
    public void A_credit_of_nothing_is_refused()
    {
        var books = new Books();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            books.Post(p => p.Credit(EntryKind.TransferIn, [(0, null)], Books.Source("trf_1", "transfer", "Transfer"))));
        Assert.Empty(books.Entries);
    }

    [Fact]
    public void Returning_goods_paid_with_points_gives_the_points_back_as_unspent()
    {
        var books = new Books();
        books.EarnAvailable(500);
        books.Redeem(300);

        var entry = books.Post(p => p.Credit(EntryKind.Refund, 100, Books.Source("ret_1", "return", "Return of receipt 4711")));

        Assert.Equal(EntryKind.Refund, entry.Kind);
        Assert.Equal(300, books.Member.Available);
        Assert.Equal(200, books.Member.LifetimeSpent);
        Assert.Equal(500, books.Member.LifetimeEarned);
    }

    [Fact]
    public void A_credit_pays_off_a_debt_before_the_points_can_be_spent()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100);
        books.Redeem(100);
        books.Reverse(100, lot);
        Assert.Equal(-100, books.Member.Available);

        books.Post(p => p.Credit(EntryKind.Adjust, 150, Books.Source("adj_1", "adjustment", "Goodwill")));

        Assert.Equal(50, books.Member.Available);
        Assert.Equal(50, books.AvailableInLots);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void A_transfer_in_several_parts_to_a_member_in_debt_pays_the_debt_once()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100);
        books.Redeem(100);
        books.Reverse(50, lot);
        Assert.Equal(-50, books.Member.Available);

        books.Post(p => p.Credit(EntryKind.TransferIn, [(100, null), (100, null)], Books.Source("trf_1", "transfer", "Family pooling")));

        Assert.Equal(150, books.Member.Available);
        Assert.Equal(150, books.AvailableInLots);
        Assert.Empty(books.Verify());
        Assert.Equal(150, books.Redeem(150).Points * -1);
    }
}
