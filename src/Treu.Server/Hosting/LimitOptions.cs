using Treu.Server.Storage;

namespace Treu.Server.Hosting;

/// <summary>
/// <c>Treu:Limits</c> (<see cref="TreuOptions.Limits"/>): a bound on everything a client can make the server hold or
/// repeat. The defaults fit a real chain of tills; an operator may raise or lower each one, within the ranges
/// <see cref="TreuOptionsValidation"/> allows.
/// </summary>
public sealed class LimitOptions
{
    /// <summary>Largest request body; a larger one is refused with 413 <c>payload_too_large</c> before it is read.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest URL (path and query, as sent), in characters; a longer one is refused with 414 <c>uri_too_long</c>. The
    /// longest URL of the API (a look-up by e-mail) is a few hundred characters.
    /// </summary>
    public int MaxUrlLength { get; set; } = 8192;

    /// <summary>Most lines in one basket (purchase, preview) or one return.</summary>
    public int MaxBasketLines { get; set; } = 500;

    /// <summary>Largest page a paginated list (a member's ledger) hands out.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Member look-ups (by e-mail, phone, card, number, QR) per API key.</summary>
    public RateLimit Lookups { get; set; } = new();

    /// <summary>
    /// Unknown or malformed voucher and coupon codes per API key (<see cref="Rewards.CodeGuesses"/>): a burst for a till
    /// that mistypes, then a few a second. Known codes are not counted.
    /// </summary>
    public RateLimit CodeGuesses { get; set; } = new() { PerSecond = 2, Burst = 60 };

    /// <summary>Requests worked on at once, and how many more may wait their turn (see <see cref="Limits.UseConcurrencyLimit"/>).</summary>
    public ConcurrencyLimit Concurrency { get; set; } = new();
}
