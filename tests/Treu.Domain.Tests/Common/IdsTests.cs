using Treu.Domain.Common;

namespace Treu.Domain.Tests.Common;

public sealed class IdsTests
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    [Fact]
    public void An_id_is_its_prefix_then_the_time_then_80_random_bits_in_base32()
    {
        var id = Ids.New("led");

        Assert.StartsWith("led_", id);
        Assert.Equal(4 + Ids.TimeChars + Ids.RandomChars, id.Length);
        Assert.All(id[4..], c => Assert.Contains(c, Alphabet));
    }

    [Fact]
    public void Ids_made_later_sort_later_as_text_so_new_rows_go_to_the_end_of_their_indexes()
    {
        var start = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 2_000).Select(i => Ids.New("mbr", start.AddMilliseconds(i * 997L * i))).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        // Across the turn of a base32 digit and far into the future, too.
        Assert.True(string.CompareOrdinal(Ids.New("mbr", DateTimeOffset.FromUnixTimeMilliseconds(31)), Ids.New("mbr", DateTimeOffset.FromUnixTimeMilliseconds(32))) < 0);
        Assert.True(string.CompareOrdinal(Ids.New("mbr", start), Ids.New("mbr", new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero))) < 0);
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_differ_and_cannot_be_guessed_from_each_other()
    {
        var at = DateTimeOffset.UtcNow;
        var ids = Enumerable.Range(0, 100_000).Select(_ => Ids.New("lot", at)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Single(ids.Select(id => id[..(4 + Ids.TimeChars)]).Distinct());
        // Every random character position takes every value of the alphabet.
        for (var position = 4 + Ids.TimeChars; position < ids[0].Length; position++)
        {
            Assert.Equal(32, ids.Select(id => id[position]).Distinct().Count());
        }
    }

    [Fact]
    public void A_secret_is_random_through_and_through()
    {
        var secrets = Enumerable.Range(0, 1_000).Select(_ => Ids.Random(40)).ToList();

        Assert.All(secrets, s => Assert.Equal(40, s.Length));
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
        // No common leading time: the first characters vary like the rest.
        Assert.Equal(32, secrets.Select(s => s[0]).Distinct().Count());
    }
}
