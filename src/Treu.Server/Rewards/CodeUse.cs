using Treu.Domain.Members;
using Treu.Domain.Purchases;

namespace Treu.Server.Rewards;

/// <summary>Where, for whom and on what a code is to be used.</summary>
/// <param name="Holder">The basket a reservation would hold the code for (see <see cref="VoucherCheck.Holder"/>).</param>
/// <param name="Lines">The basket as it stands (earlier codes' discounts taken off); null when no basket was given.</param>
/// <param name="BasketTotal">What the basket costs before any code, for a minimum basket.</param>
public sealed record CodeUse(string Channel, string? StoreId, Member? Member, string Holder, IReadOnlyList<BasketLine>? Lines, decimal BasketTotal);
