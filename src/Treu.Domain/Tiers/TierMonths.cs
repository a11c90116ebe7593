namespace Treu.Domain.Tiers;

/// <summary>
/// Calendar months in the program's time zone, numbered (year × 12 + month − 1) so that months add and subtract like numbers.
/// Qualification is kept per month and every review falls on the first of a month at midnight, the program's time.
/// </summary>
public static class TierMonths
{
    public static int Of(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
        return local.Year * 12 + local.Month - 1;
    }

    /// <summary>The month an instant closes: the month it falls in, or for midnight on the first, the month before.</summary>
    public static int EndedBy(DateTime utc, TimeZoneInfo zone) => Of(utc.AddTicks(-1), zone);

    public static DateOnly FirstDay(int month) => new(month / 12, month % 12 + 1, 1);

    public static DateOnly LastDay(int month) => FirstDay(month + 1).AddDays(-1);

    /// <summary>Midnight on the first of the month, the program's time, as UTC.</summary>
    public static DateTime Start(int month, TimeZoneInfo zone) => ToUtc(FirstDay(month).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>The day (the program's time) before an instant that is a day's start: the last day something still held.</summary>
    public static DateOnly DayBefore(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddTicks(-1), zone));

    /// <summary>Midnight after the given day, the program's time, as UTC: when something that holds "until" that day ends.</summary>
    public static DateTime EndOf(DateOnly day, TimeZoneInfo zone) => ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>A local time as UTC; where the clocks jump over it (a zone that changes at midnight), the first moment after the jump.</summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    public static string Label(int month) => $"{month / 12:D4}-{month % 12 + 1:D2}";

    public static bool TryParse(ReadOnlySpan<char> label, out int month)
    {
        month = 0;
        if (label.Length != 7 || label[4] != '-' || !int.TryParse(label[..4], System.Globalization.NumberStyles.None, null, out var year)
            || !int.TryParse(label[5..], System.Globalization.NumberStyles.None, null, out var m) || m is < 1 or > 12)
        {
            return false;
        }

        month = year * 12 + m - 1;
        return true;
    }
}
