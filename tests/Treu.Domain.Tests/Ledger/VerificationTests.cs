using Treu.Domain.Ledger;
using Treu.Domain.Programs;

namespace Treu.Domain.Tests.Ledger;

public sealed class VerificationTests
{
    /// <summary>Five entries: earn pending, earn available, activate, redeem, reverse.</summary>
    private static Books History()
    {
        var books = new Books();
        var pending = books.EarnPending(200, "pur_1");
        books.EarnAvailable(100, "pur_2");
        books.Activate(pending);
        books.Redeem(120);
        books.Reverse(50, pending);
        return books;
    }

    [Fact]
    public void A_member_with_no_entries_verifies_clean()
    {
        Assert.Empty(new Books().Verify());
    }

    [Fact]
    public void A_history_posted_through_the_ledger_verifies_clean()
    {
        var books = History();

        Assert.Equal(5, books.Entries.Count);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void Altering_an_entry_breaks_the_hash_chain()
    {
        var books = History();

        books.Entries[1].AvailableDelta = 1000;

        var mismatch = Assert.Single(books.Verify(), m => m.Problem.StartsWith("entry altered", StringComparison.Ordinal));
        Assert.Equal((books.Member.Id, (long?)2), (mismatch.MemberId, mismatch.Seq));
    }

    [Fact]
    public void Altering_an_entry_with_its_balance_is_still_caught_by_the_hash()
    {
        var books = History();

        books.Entries[1].Reason = "Receipt 9999";

        var mismatch = Assert.Single(books.Verify());
        Assert.StartsWith("entry altered", mismatch.Problem, StringComparison.Ordinal);
        Assert.Equal(2, mismatch.Seq);
    }

    [Fact]
    public void Rehashing_an_altered_entry_breaks_the_link_from_the_next_one()
    {
        var books = History();

        books.Entries[1].CauseId = "pur_forged";
        books.Entries[1].Hash = EntryHash.Compute(books.Entries[1]);

        var mismatch = Assert.Single(books.Verify());
        Assert.StartsWith("chain broken", mismatch.Problem, StringComparison.Ordinal);
        Assert.Equal(3, mismatch.Seq);
    }

    [Fact]
    public void Rehashing_the_newest_entry_leaves_the_account_pointing_at_the_old_head()
    {
        var books = History();

        books.Entries[^1].Reason = "Nothing happened";
        books.Entries[^1].Hash = EntryHash.Compute(books.Entries[^1]);

        var mismatch = Assert.Single(books.Verify());
        Assert.StartsWith("chain head mismatch", mismatch.Problem, StringComparison.Ordinal);
        Assert.Null(mismatch.Seq);
    }

    [Fact]
    public void Deleting_an_entry_is_detected_as_a_gap_and_a_broken_link()
    {
        var books = History();

        books.Entries.RemoveAt(2);

        var problems = books.Verify();
        Assert.Contains(problems, m => m.Seq == 4 && m.Problem.StartsWith("sequence gap", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Seq == 4 && m.Problem.StartsWith("chain broken", StringComparison.Ordinal));
    }

    [Fact]
    public void Deleting_the_newest_entry_is_detected_at_the_chain_head()
    {
        var books = History();

        books.Entries.RemoveAt(books.Entries.Count - 1);

        Assert.Contains(books.Verify(), m => m.Problem.StartsWith("chain head mismatch: account points at entry 5, the entries end at 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Swapping_two_entries_is_detected()
    {
        var books = History();

        (books.Entries[1], books.Entries[2]) = (books.Entries[2], books.Entries[1]);

        var problems = books.Verify();
        Assert.Contains(problems, m => m.Problem.StartsWith("sequence gap", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.Problem.StartsWith("chain broken", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cached_balance_that_differs_from_the_entries_is_a_balance_mismatch()
    {
        var books = History();

        books.Member.Available += 10;

        var mismatch = Assert.Single(books.Verify());
        Assert.StartsWith("balance mismatch", mismatch.Problem, StringComparison.Ordinal);
        Assert.Null(mismatch.Seq);
    }

    [Fact]
    public void A_cached_pending_balance_that_differs_from_the_entries_is_a_balance_mismatch()
    {
        var books = History();

        books.Member.Pending -= 1;

        Assert.StartsWith("balance mismatch", Assert.Single(books.Verify()).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Lots_holding_more_than_the_balance_are_a_lots_mismatch()
    {
        var books = History();

        books.Lots.First(l => l.State == LotState.Available).Remaining += 1;

        var mismatch = Assert.Single(books.Verify());
        Assert.StartsWith("lots mismatch", mismatch.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_lot_that_differs_from_the_pending_balance_is_a_lots_mismatch()
    {
        var books = new Books();
        var lot = books.EarnPending(100);

        lot.Remaining = 90;

        Assert.StartsWith("lots mismatch", Assert.Single(books.Verify()).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_lot_is_a_lots_mismatch()
    {
        var books = History();

        books.Lots.RemoveAt(0);

        Assert.StartsWith("lots mismatch", Assert.Single(books.Verify()).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_negative_balance_backed_by_empty_lots_verifies_clean()
    {
        var books = new Books(SpentPointsReturnPolicy.AllowNegative);
        var lot = books.EarnAvailable(100);
        books.Redeem(100);
        books.Reverse(100, lot);

        Assert.Equal(-100, books.Member.Available);
        Assert.Empty(books.Verify());
    }
}
