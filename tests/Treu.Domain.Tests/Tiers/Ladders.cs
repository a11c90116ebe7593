using Treu.Domain.Members;
using Treu.Domain.Tiers;

namespace Treu.Domain.Tests.Tiers;

/// <summary>The demo's ladder (Bronze 0, Silver 500, Gold 2,000, Platinum 5,000 points in a rolling 12 months) and members to move on it.</summary>
internal static class Ladders
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static TierDefinition Tier(string id, decimal threshold, decimal multiplier = 1) =>
        new() { Id = id, Name = new LocalizedText(id, id), Threshold = threshold, Benefits = new TierBenefits { EarnMultiplier = multiplier } };

    public static readonly TierLadder Demo = new()
    {
        Tiers = [Tier("bronze", 0), Tier("silver", 500, 1.25m), Tier("gold", 2000, 1.5m), Tier("platinum", 5000, 2)],
    };

    public static Member Member() => new() { Id = "mbr_1", ProgramId = "prg", MemberNumber = "1234567890", EnrolledChannel = "store" };

    public static QualifyingAmounts Points(long points) => new(points, points, 1);

    /// <summary>Noon, Berlin time, on the given day.</summary>
    public static DateTime At(int year, int month, int day) => TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, 12, 0, 0), Berlin);
}
