using System.Globalization;
using System.Text;

namespace Treu.Domain.Tiers;

/// <summary>
/// A member's qualifying activity, kept on the member row and updated with each purchase, return, action or credit, so
/// that no purchase reads the ledger to know where the member stands: one entry per calendar month for the last
/// <see cref="MonthsKept"/> months (enough for a rolling twelve months and for the calendar year just ended), and the
/// sum of every month before them, for a lifetime period.
/// <para>
/// Stored as text, months in order: <c>b=120/98.50/3;2026-04=40/39.90/1;2026-05=…</c> (points/spend/purchases; b: before
/// the months kept). Empty when the member has done nothing that qualifies.
/// </para>
/// </summary>
public sealed class Qualification
{
    public const int MonthsKept = 24;

    private readonly SortedDictionary<int, QualifyingAmounts> _months = [];

    /// <summary>Everything from the months no longer kept one by one.</summary>
    public QualifyingAmounts Before { get; private set; }

    public IEnumerable<KeyValuePair<int, QualifyingAmounts>> Months => _months;

    public bool IsEmpty => _months.Count == 0 && Before.IsNone;

    /// <summary>Adds to the month something happened in, and folds the months that fell out of <see cref="MonthsKept"/> into <see cref="Before"/>.</summary>
    public void Add(int month, QualifyingAmounts amounts, int currentMonth)
    {
        var oldest = currentMonth - MonthsKept + 1;
        if (month < oldest)
        {
            Before += amounts;
        }
        else
        {
            _months[month] = _months.GetValueOrDefault(month) + amounts;
        }

        Prune(oldest);
    }

    /// <summary>Takes back what a month was given (a return of its purchase), never below zero; from <see cref="Before"/> once the month is folded.</summary>
    public void TakeBack(int month, QualifyingAmounts amounts)
    {
        if (_months.TryGetValue(month, out var kept))
        {
            _months[month] = kept.Less(amounts);
        }
        else if (_months.Count == 0 || month < _months.Keys.First())
        {
            Before = Before.Less(amounts);
        }
    }

    /// <summary>The months from <paramref name="from"/> to <paramref name="to"/> (both included), and <see cref="Before"/> too when asked.</summary>
    public QualifyingAmounts Sum(int from, int to, bool withBefore)
    {
        var sum = withBefore ? Before : QualifyingAmounts.None;
        foreach (var (month, amounts) in _months)
        {
            if (month >= from && month <= to)
            {
                sum += amounts;
            }
        }

        return sum;
    }

    private void Prune(int oldest)
    {
        while (_months.Count > 0 && _months.Keys.First() is var first && first < oldest)
        {
            Before += _months[first];
            _months.Remove(first);
        }
    }

    public static Qualification Parse(string? text)
    {
        var parsed = new Qualification();
        if (string.IsNullOrEmpty(text))
        {
            return parsed;
        }

        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? throw Bad(text) : part.AsSpan(0, eq);
            var values = part[(eq + 1)..].Split('/');
            if (values.Length != 3 || !long.TryParse(values[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var points)
                || !decimal.TryParse(values[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var spend)
                || !long.TryParse(values[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var purchases))
            {
                throw Bad(text);
            }

            var amounts = new QualifyingAmounts(points, spend, purchases);
            if (key is "b")
            {
                parsed.Before = amounts;
            }
            else if (TierMonths.TryParse(key, out var month))
            {
                parsed._months[month] = amounts;
            }
            else
            {
                throw Bad(text);
            }
        }

        return parsed;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        if (!Before.IsNone)
        {
            Append(text, "b", Before);
        }

        foreach (var (month, amounts) in _months)
        {
            if (!amounts.IsNone)
            {
                Append(text, TierMonths.Label(month), amounts);
            }
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, QualifyingAmounts amounts)
    {
        if (text.Length > 0)
        {
            text.Append(';');
        }

        text.Append(key).Append('=').Append(amounts.Points.ToString(CultureInfo.InvariantCulture)).Append('/')
            .Append(amounts.Spend.ToString("0.####", CultureInfo.InvariantCulture)).Append('/').Append(amounts.Purchases.ToString(CultureInfo.InvariantCulture));
    }

    private static FormatException Bad(string text) =>
        new($"Not a member's qualification: '{(text.Length > 80 ? text[..80] + "…" : text)}'.");
}
