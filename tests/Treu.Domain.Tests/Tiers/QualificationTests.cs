using Treu.Domain.Tiers;
using static Treu.Domain.Tests.Tiers.Ladders;

namespace Treu.Domain.Tests.Tiers;

/// <summary>A member's qualifying activity, month by month, as the member row keeps it.</summary>
public sealed class QualificationTests
{
    private static int Month(int year, int month) => year * 12 + month - 1;

    [Fact]
    public void Months_add_up_and_read_back_from_their_text_form_as_they_were()
    {
        var q = new Qualification();
        q.Add(Month(2026, 4), new QualifyingAmounts(120, 119.90m, 1), Month(2026, 5));
        q.Add(Month(2026, 5), new QualifyingAmounts(40, 39.95m, 1), Month(2026, 5));
        q.Add(Month(2026, 5), new QualifyingAmounts(10, 10m, 1), Month(2026, 5));

        var text = q.ToString();
        var back = Qualification.Parse(text);

        Assert.Equal("2026-04=120/119.9/1;2026-05=50/49.95/2", text);
        Assert.Equal(new QualifyingAmounts(170, 169.85m, 3), back.Sum(Month(2026, 1), Month(2026, 12), withBefore: false));
        Assert.Equal(text, back.ToString());
    }

    [Fact]
    public void Months_older_than_two_years_fold_into_one_sum_that_only_a_lifetime_reads()
    {
        var q = new Qualification();
        q.Add(Month(2024, 1), Points(100), Month(2024, 1));
        q.Add(Month(2026, 3), Points(10), Month(2026, 3));

        Assert.Equal(new QualifyingAmounts(100, 100, 1), q.Before);
        Assert.Equal(10, q.Sum(Month(2024, 1), Month(2026, 3), withBefore: false).Points);
        Assert.Equal(110, q.Sum(int.MinValue, Month(2026, 3), withBefore: true).Points);
        Assert.StartsWith("b=100/100/1;", q.ToString());
    }

    [Fact]
    public void Taking_back_never_goes_below_zero_and_reaches_a_folded_month()
    {
        var q = new Qualification();
        q.Add(Month(2024, 1), Points(100), Month(2024, 1));
        q.Add(Month(2026, 3), Points(10), Month(2026, 3));

        q.TakeBack(Month(2026, 3), Points(25));
        q.TakeBack(Month(2024, 1), Points(30));

        Assert.Equal(0, q.Sum(Month(2026, 3), Month(2026, 3), withBefore: false).Points);
        Assert.Equal(70, q.Before.Points);
    }

    [Fact]
    public void A_text_that_is_not_a_qualification_is_refused_rather_than_read_as_nothing()
    {
        Assert.Throws<FormatException>(() => Qualification.Parse("2026-13=1/1/1"));
        Assert.Throws<FormatException>(() => Qualification.Parse("2026-04=1/1"));
        Assert.True(Qualification.Parse("").IsEmpty);
    }

    [Fact]
    public void A_month_is_the_programs_month_not_the_utc_one()
    {
        // 23:30 UTC on 31 March is already 1 April in Berlin.
        var lateInMarchUtc = new DateTime(2026, 3, 31, 23, 30, 0, DateTimeKind.Utc);

        Assert.Equal(Month(2026, 4), TierMonths.Of(lateInMarchUtc, Berlin));
        Assert.Equal(new DateTime(2026, 3, 31, 22, 0, 0, DateTimeKind.Utc), TierMonths.Start(Month(2026, 4), Berlin));
    }
}
