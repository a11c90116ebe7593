using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Treu.Domain.Ledger;

namespace Treu.Domain.Tests.Ledger;

public sealed class HashChainTests
{
    [Fact]
    public void Each_entry_takes_the_next_number_and_links_to_the_hash_of_the_one_before()
    {
        var books = new Books();
        var lot = books.EarnAvailable(100);
        books.Redeem(30);
        books.Post(p => p.Credit(EntryKind.Adjust, 5, Books.Source("adj_1", "adjustment", "Goodwill")));
        books.Expire(lot);

        Assert.Equal([1L, 2L, 3L, 4L], books.Entries.Select(e => e.Seq));
        Assert.Equal(EntryHash.Genesis, books.Entries[0].PrevHash);
        for (var i = 1; i < books.Entries.Count; i++)
        {
            Assert.Equal(books.Entries[i - 1].Hash, books.Entries[i].PrevHash);
        }

        Assert.Equal(4, books.Member.LastSeq);
        Assert.Equal(books.Entries[^1].Hash, books.Member.LastHash);
    }

    [Fact]
    public void Several_postings_in_one_transaction_chain_onto_each_other()
    {
        var books = new Books();
        books.EarnAvailable(500);

        books.Post(p =>
        {
            p.Credit(EntryKind.Refund, 100, Books.Source("ret_1", "return", "Return"));
            return p.Spend(EntryKind.Redeem, 50, books.SpendingOrder, Books.Source("pur_2")).Value.Entry;
        });

        Assert.Equal([1L, 2L, 3L], books.Entries.Select(e => e.Seq));
        Assert.Equal(books.Entries[1].Hash, books.Entries[2].PrevHash);
        Assert.Empty(books.Verify());
    }

    [Fact]
    public void A_posted_entry_hash_is_the_hash_of_its_contents()
    {
        var books = new Books();

        var entry = books.Post(p => p.Earn(10, Books.Source()));

        Assert.Equal(EntryHash.Compute(entry), entry.Hash);
        Assert.Matches("^[0-9a-f]{64}$", entry.Hash);
    }

    [Theory]
    [InlineData("Purchase", null)]
    [InlineData("Rückgabe „Größe“ <falsch> & 'so' \"nicht\" \\ / \t \u0001 😀", "base_rate@1 organic_x2@3")]
    public void The_hash_is_sha256_over_the_json_array_of_the_entry_as_it_always_was(string reason, string? rules)
    {
        var entry = new LedgerEntry
        {
            Id = "ent_1",
            ProgramId = "prg_ü",
            MemberId = "mbr_<1>",
            Seq = 42,
            Kind = EntryKind.Redeem,
            AvailableDelta = -300,
            PendingDelta = 0,
            Reason = reason,
            Channel = "pos",
            StoreId = null,
            Actor = "kasse 3",
            CauseType = "purchase",
            CauseId = "R-1+2",
            LotId = null,
            Rules = rules,
            CreatedAt = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc),
            PrevHash = EntryHash.Genesis,
            Hash = "",
        };
        object?[] fields =
        [
            entry.PrevHash, entry.ProgramId, entry.MemberId, entry.Seq, entry.Kind.ToString(), entry.AvailableDelta, entry.PendingDelta,
            entry.Reason, entry.Channel, entry.StoreId, entry.Actor, entry.CauseType, entry.CauseId, entry.LotId, entry.CreatedAt.Ticks,
        ];
        var canonical = JsonSerializer.Serialize(rules is null ? fields : [.. fields, rules]);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), EntryHash.Compute(entry));
    }

    [Fact]
    public void Two_members_with_the_same_history_have_different_chains()
    {
        var anna = new Books();
        var ben = new Books();
        ben.Member.Id = "mem_ben";

        anna.EarnAvailable(10);
        ben.EarnAvailable(10);

        Assert.NotEqual(anna.Member.LastHash, ben.Member.LastHash);
    }

    public static TheoryData<string> Fields =>
    [
        "ProgramId", "MemberId", "Seq", "Kind", "AvailableDelta", "PendingDelta", "Reason", "Channel", "StoreId", "Actor",
        "CauseType", "CauseId", "LotId", "CreatedAt", "PrevHash",
    ];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Altering_any_recorded_field_changes_the_hash(string field)
    {
        var entry = SampleEntry();
        var original = EntryHash.Compute(entry);

        Alter(entry, field);

        Assert.NotEqual(original, EntryHash.Compute(entry));
    }

    [Fact]
    public void Text_cannot_be_moved_from_one_field_to_the_next_without_changing_the_hash()
    {
        var a = SampleEntry();
        a.Reason = "Refund|pos";
        a.Channel = "app";
        var b = SampleEntry();
        b.Reason = "Refund";
        b.Channel = "pos|app";
        var c = SampleEntry();
        c.Reason = "Refund\",\"pos";
        c.Channel = "app";

        Assert.Equal(3, new[] { a, b, c }.Select(EntryHash.Compute).Distinct().Count());
    }

    [Fact]
    public void The_same_entry_always_hashes_the_same()
    {
        Assert.Equal(EntryHash.Compute(SampleEntry()), EntryHash.Compute(SampleEntry()));
    }

    [Fact]
    public void Entry_times_are_cut_to_microseconds_so_a_time_read_back_from_the_database_still_matches_the_hash()
    {
        var books = new Books { Now = Books.Start.AddTicks(1234567) };

        var entry = books.Post(p => p.Earn(10, Books.Source()));

        Assert.Equal(0, entry.CreatedAt.Ticks % 10);
        Assert.Equal(Books.Start.AddTicks(1234560), entry.CreatedAt);
        var microseconds = (entry.CreatedAt - DateTime.UnixEpoch).Ticks / 10;
        entry.CreatedAt = DateTime.UnixEpoch.AddTicks(microseconds * 10);
        Assert.Equal(entry.Hash, EntryHash.Compute(entry));
    }

    private static LedgerEntry SampleEntry() => new()
    {
        Id = "led_1",
        ProgramId = "prg_test",
        MemberId = "mem_anna",
        Seq = 7,
        Kind = EntryKind.Earn,
        AvailableDelta = 0,
        PendingDelta = 120,
        Reason = "Receipt 4711",
        Channel = "pos",
        StoreId = "store_berlin",
        Actor = "till_3",
        CauseType = "purchase",
        CauseId = "pur_1",
        LotId = "lot_1",
        CreatedAt = Books.Start,
        PrevHash = new string('a', 64),
        Hash = "",
    };

    private static void Alter(LedgerEntry e, string field)
    {
        switch (field)
        {
            case "ProgramId": e.ProgramId = "prg_other"; break;
            case "MemberId": e.MemberId = "mem_other"; break;
            case "Seq": e.Seq = 8; break;
            case "Kind": e.Kind = EntryKind.Adjust; break;
            case "AvailableDelta": e.AvailableDelta = 120; break;
            case "PendingDelta": e.PendingDelta = 1200; break;
            case "Reason": e.Reason = "Receipt 4712"; break;
            case "Channel": e.Channel = "app"; break;
            case "StoreId": e.StoreId = null; break;
            case "Actor": e.Actor = "till_4"; break;
            case "CauseType": e.CauseType = "rule"; break;
            case "CauseId": e.CauseId = "pur_2"; break;
            case "LotId": e.LotId = null; break;
            case "CreatedAt": e.CreatedAt = e.CreatedAt.AddSeconds(1); break;
            case "PrevHash": e.PrevHash = new string('b', 64); break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}
