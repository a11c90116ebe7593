namespace Treu.Domain.Rules;

public sealed record EarnRequest(
    RuleTrigger Trigger,
    string Channel,
    string? StoreId,
    DateTime OccurredAtUtc,
    MemberFacts Member,
    IReadOnlyList<EarnLine> Lines,
    IReadOnlyList<string>? PaymentMethods = null,
    string? EventType = null,
    TimeZoneInfo? TimeZone = null)
{
    /// <summary>When it happened on the program's clocks (UTC without a time zone): what weekday, hour and day rules and caps read.</summary>
    public DateTime LocalTime => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(OccurredAtUtc, DateTimeKind.Utc), TimeZone ?? TimeZoneInfo.Utc);

    /// <summary>The local day: the day per-member caps per day, week and month count on.</summary>
    public DateOnly LocalDay => DateOnly.FromDateTime(LocalTime);
}
