namespace Treu.Domain.Tiers;

public enum TierDirection
{
    Up,
    Down,
}
