namespace Treu.Server.Hosting;

/// <summary>A token bucket: <see cref="PerSecond"/> requests a second on average, up to <see cref="Burst"/> at once.</summary>
public sealed class RateLimit
{
    /// <summary>Generous for a till (a few look-ups a minute) and for one integration key under load; lower it when every till has a key of its own.</summary>
    public int PerSecond { get; set; } = 500;

    public int Burst { get; set; } = 1000;
}
