using System.Text.Json.Serialization;

namespace Treu.Domain.Tiers;

/// <summary>Over which months the qualifying metric counts.</summary>
public enum QualifyingPeriod
{
    /// <summary>The current calendar month and the eleven before it.</summary>
    [JsonStringEnumMemberName("rolling_12_months")]
    Rolling12Months,

    /// <summary>January to December; a review at the year's end reads the year just ended.</summary>
    CalendarYear,

    /// <summary>Everything since the program has had tiers.</summary>
    Lifetime,
}
