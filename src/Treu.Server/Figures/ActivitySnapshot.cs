namespace Treu.Server.Figures;

/// <summary>
/// Members who bought in the last 30 and 90 days, for one channel and store (or <see cref="DailyFigure.All"/>), as counted
/// at <see cref="TakenAt"/>. Distinct members do not add up day by day, so they are counted anew, at most once an hour.
/// </summary>
public sealed class ActivitySnapshot
{
    public required string ProgramId { get; set; }
    public required string Channel { get; set; }
    public required string StoreId { get; set; }
    public long Active30 { get; set; }
    public long Active90 { get; set; }
    public DateTime TakenAt { get; set; }
}
