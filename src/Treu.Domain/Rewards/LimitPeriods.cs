namespace Treu.Domain.Rewards;

/// <summary>Where a <see cref="LimitPeriod"/> begins.</summary>
public static class LimitPeriods
{
    /// <summary>When the period that holds <paramref name="now"/> began, in UTC; <see cref="DateTime.MinValue"/> for <see cref="LimitPeriod.Ever"/>.</summary>
    public static DateTime Start(LimitPeriod period, DateTime now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(now, DateTimeKind.Utc), zone).Date;
        DateTime? start = period switch
        {
            LimitPeriod.Day => local,
            LimitPeriod.Week => local.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
            LimitPeriod.Month => new DateTime(local.Year, local.Month, 1),
            LimitPeriod.Year => new DateTime(local.Year, 1, 1),
            _ => null,
        };
        return start is { } s ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(s, DateTimeKind.Unspecified), zone) : DateTime.MinValue;
    }
}
