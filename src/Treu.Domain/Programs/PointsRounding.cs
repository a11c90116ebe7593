namespace Treu.Domain.Programs;

public enum PointsRounding
{
    /// <summary>Round down: never award a point that was not fully earned.</summary>
    Floor,
    /// <summary>Round half away from zero.</summary>
    Nearest,
    Ceiling,
}
