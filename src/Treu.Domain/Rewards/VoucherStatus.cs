namespace Treu.Domain.Rewards;

public enum VoucherStatus
{
    /// <summary>Can be used.</summary>
    Issued,
    /// <summary>Held for one basket for a few minutes: only that basket can use it meanwhile.</summary>
    Reserved,
    Redeemed,
    /// <summary>Its end date passed unused (its points given back, when the program says so).</summary>
    Expired,
    /// <summary>Withdrawn unused (its points given back, when the program says so).</summary>
    Cancelled,
}
