namespace Treu.Server.Figures;

/// <summary>
/// One day of a program's figures for one channel and store, as the dashboard reads them: kept by
/// <see cref="FiguresRollUp"/> from the ledger, the members and the purchases, so that a page view sums a few hundred
/// rows rather than scanning millions. <see cref="All"/> in <see cref="Channel"/> or <see cref="StoreId"/> is the
/// day's total over every channel or store, kept beside the detail so that an unfiltered view reads one row a day.
/// </summary>
public sealed class DailyFigure
{
    public const string All = "*";

    public required string ProgramId { get; set; }

    /// <summary>The day in UTC (the dashboard says so).</summary>
    public DateOnly Day { get; set; }
    public required string Channel { get; set; }

    /// <summary>The store, "" for none (webshop, app …), or <see cref="All"/>.</summary>
    public required string StoreId { get; set; }
    public long MembersEnrolled { get; set; }
    public long Purchases { get; set; }
    public decimal Sales { get; set; }
    public long PointsEarned { get; set; }
    public long PointsRedeemed { get; set; }
    public long PointsExpired { get; set; }
    public long PointsReversed { get; set; }
    public long PointsRefunded { get; set; }

    /// <summary>Manual corrections, signed: credits less debits.</summary>
    public long PointsAdjusted { get; set; }

    /// <summary>Every entry's change of the members' balances (available and pending): summed up to a day, the points outstanding.</summary>
    public long PointsNet { get; set; }
}
