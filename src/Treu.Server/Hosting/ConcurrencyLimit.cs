namespace Treu.Server.Hosting;

/// <summary>At most <see cref="Requests"/> requests at once; up to <see cref="Queue"/> more wait, first come first served.</summary>
public sealed class ConcurrencyLimit
{
    /// <summary>
    /// Enough for the group commit to fill its batches (a chain's tills never wait behind each other) and few enough
    /// that an overloaded server does not hold hundreds of half-done requests in memory at once.
    /// </summary>
    public int Requests { get; set; } = 64;

    /// <summary>Beyond this many waiting, a request is refused at once with 503 <c>overloaded</c> and <c>Retry-After</c>.</summary>
    public int Queue { get; set; } = 2000;
}
