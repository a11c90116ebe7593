namespace Treu.Domain.Rewards;

/// <summary>
/// How many of a reward have been redeemed, and how many there are: the row every redemption locks (after the member),
/// so that the last item redeemed by twenty members at once gives exactly one voucher.
/// </summary>
public sealed class RewardStock
{
    public required string ProgramId { get; set; }
    public required string RewardId { get; set; }

    /// <summary>How many there are in all; unlimited when null.</summary>
    public long? Total { get; set; }
    public long Issued { get; set; }
    public long PointsSpent { get; set; }

    public long? Left => Total is { } total ? Math.Max(total - Issued, 0) : null;

    /// <summary>Takes one; false when none is left.</summary>
    public bool TryTake(long points)
    {
        if (Left is <= 0)
        {
            return false;
        }

        Issued++;
        PointsSpent += points;
        return true;
    }

    /// <summary>Gives one back (a voucher cancelled or expired unused, its points refunded).</summary>
    public void GiveBack(long points)
    {
        Issued = Math.Max(Issued - 1, 0);
        PointsSpent = Math.Max(PointsSpent - points, 0);
    }
}
