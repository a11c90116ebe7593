using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Treu.Domain.Ledger;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Rewards;
using Treu.Server.Storage;

namespace Treu.Server.Jobs;

/// <summary>
/// Closes the vouchers whose end date passed unused and gives a reward voucher's points back (program setting
/// <c>refundUnusedVouchers</c>, default yes), with the expiry dates the points had. In bounded batches, one transaction
/// each; exactly once across nodes: a batch locks its members and then its vouchers, on PostgreSQL skipping rows another
/// transaction holds, and re-reads each voucher under the lock. A crash loses at most the batch in flight, which the next
/// run finds again. Coupon codes nobody holds are not touched: they read as expired once past their date.
/// </summary>
public sealed class VoucherExpiry(TreuDbContext db, IServiceScopeFactory scopes, ProgramSettings programs, TimeProvider clock, IOptions<TreuOptions> options)
{
    public const string Name = "voucher-expiry";

    public async Task<JobRun> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var batchSize = options.Value.Jobs.BatchSize;
        var processed = 0;
        var after = "";
        while (!ct.IsCancellationRequested)
        {
            var due = await db.Vouchers.AsNoTracking()
                .Where(v => (v.Status == VoucherStatus.Issued || v.Status == VoucherStatus.Reserved) && v.ValidTo <= now && v.MemberId != null && string.Compare(v.Id, after) > 0)
                .OrderBy(v => v.Id).Take(batchSize).Select(v => new { v.Id, v.ProgramId, MemberId = v.MemberId! }).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }

            after = due[^1].Id;
            foreach (var program in due.GroupBy(v => v.ProgramId))
            {
                await using var scope = scopes.CreateAsyncScope();
                processed += await ExpireBatchAsync(scope.ServiceProvider, program.Key, program.Select(v => (v.Id, v.MemberId)).ToList(), now, ct);
            }

            if (due.Count < batchSize)
            {
                break;
            }
        }

        return new JobRun(Name, processed, now);
    }

    private async Task<int> ExpireBatchAsync(IServiceProvider services, string programId, List<(string Id, string MemberId)> vouchers, DateTime now, CancellationToken ct)
    {
        var batchDb = services.GetRequiredService<TreuDbContext>();
        var program = await programs.GetAsync(programId, ct);
        return await services.GetRequiredService<WriteTransaction>().RunAloneAsync(async token =>
        {
            // Members first, then their vouchers, then the stock rows: the order a till's redemption takes them in.
            var memberIds = vouchers.Select(v => v.MemberId).Distinct().Order(StringComparer.Ordinal).ToList();
            var members = await batchDb.Dialect.LockMembersSkippingBusyAsync(batchDb, programId, memberIds, token);
            var locked = members.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
            var ids = vouchers.Where(v => locked.Contains(v.MemberId)).Select(v => v.Id).ToList();
            var open = (await batchDb.Dialect.LockVouchersSkippingBusyAsync(batchDb, programId, ids, token))
                .Where(v => v.Status is VoucherStatus.Issued or VoucherStatus.Reserved && v.ValidTo <= now).ToList();
            var stocks = new Dictionary<string, RewardStock>(StringComparer.Ordinal);
            foreach (var rewardId in open.Where(v => v.RewardId != null).Select(v => v.RewardId!).Distinct().Order(StringComparer.Ordinal))
            {
                if (await batchDb.Dialect.LockRewardStockAsync(batchDb, programId, rewardId, token) is { } stock)
                {
                    stocks[rewardId] = stock;
                }
            }

            foreach (var member in members)
            {
                var mine = open.Where(v => v.MemberId == member.Id).ToList();
                if (mine.Count == 0)
                {
                    continue;
                }

                batchDb.Members.Attach(member);
                var posting = new LedgerPosting(program, member, now);
                foreach (var voucher in mine)
                {
                    UnusedVouchers.Close(program, voucher, VoucherStatus.Expired, posting, voucher.RewardId is { } r ? stocks.GetValueOrDefault(r) : null,
                        new EntrySource("system", null, $"job:{Name}", "voucher", voucher.Id,
                            $"Voucher {voucher.Code} expired unused on {voucher.ValidTo:yyyy-MM-dd}: its points back"),
                        Domain.Common.Clock.ToStoredPrecision(now));
                }

                batchDb.LedgerEntries.AddRange(posting.Entries);
                batchDb.Lots.AddRange(posting.NewLots);
            }

            return open.Count;
        }, expired => expired > 0, ct);
    }
}
