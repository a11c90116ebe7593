namespace Treu.Domain.Programs;

public enum SpentPointsReturnPolicy
{
    /// <summary>A return may take the balance below zero; later earnings settle the debt first.</summary>
    AllowNegative,
    /// <summary>A return takes what is there and records the shortfall on the return.</summary>
    ClampToZero,
}
