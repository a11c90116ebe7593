namespace Treu.Domain.Rewards;

/// <summary>The period a per-member limit counts in: calendar days, weeks (from Monday), months and years in the program's time zone, or ever.</summary>
public enum LimitPeriod
{
    Day,
    Week,
    Month,
    Year,
    Ever,
}
