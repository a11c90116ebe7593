namespace Treu.Server.Storage;

/// <summary><c>Treu:Rewards</c>: vouchers held for a basket, and the pictures of the catalogue.</summary>
public sealed class RewardOptions
{
    /// <summary>How long a reservation holds a voucher for one basket.</summary>
    public int ReservationMinutes { get; set; } = 15;

    /// <summary>The largest reward image accepted, in bytes (within <c>Treu:Limits:MaxRequestBodyBytes</c>).</summary>
    public int MaxImageBytes { get; set; } = 512 * 1024;

    /// <summary>The widest and highest reward image accepted, in pixels.</summary>
    public int MaxImagePixels { get; set; } = 4096;
}
