using Treu.Domain.Ledger;
using Treu.Domain.Programs;
using Treu.Domain.Rewards;

namespace Treu.Server.Rewards;

/// <summary>
/// Closes a voucher that was never used (expired or cancelled): a reward voucher gives its points back through the ledger
/// when the program says so (<see cref="LoyaltyProgram.RefundUnusedVouchers"/>), with the expiry dates the points had, and
/// its item goes back to the reward's stock.
/// </summary>
public static class UnusedVouchers
{
    /// <param name="posting">The member's posting, when the voucher is a member's; null for a coupon code nobody holds.</param>
    /// <param name="stock">The reward's stock row, locked, for a reward voucher.</param>
    public static long Close(LoyaltyProgram program, Voucher voucher, VoucherStatus status, LedgerPosting? posting, RewardStock? stock, EntrySource source, DateTime now)
    {
        long refunded = 0;
        if (posting is not null && voucher.RewardId is not null && voucher.PointsSpent > 0 && program.RefundUnusedVouchers)
        {
            var parts = voucher.SpentLots.Count > 0
                ? voucher.SpentLots.Select(p => (p.Points, p.ExpiresAt)).ToList()
                : [(voucher.PointsSpent, program.ExpiryFor(now))];
            posting.Credit(EntryKind.Refund, parts, source);
            refunded = voucher.PointsSpent;
        }

        stock?.GiveBack(refunded);
        voucher.Close(status, now, refunded);
        return refunded;
    }
}
