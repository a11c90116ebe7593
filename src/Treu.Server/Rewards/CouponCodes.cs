using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Domain.Rewards;
using Treu.Server.Hosting;
using Treu.Server.Rules;
using Treu.Server.Storage;

namespace Treu.Server.Rewards;

/// <summary>
/// A campaign's unique codes: generated in bulk (PostgreSQL: one binary COPY for 100,000 codes) or one per member as a
/// personal offer. The program's unique index on codes makes a duplicate impossible; should a random code ever meet one
/// already there, the batch is rolled back to its savepoint and drawn again.
/// </summary>
public sealed class CouponCodes(TreuDbContext db, BulkWriter bulk, RuleAdmin audit)
{
    public const int MaxPerRequest = 100_000;
    public const long MaxPerCampaign = 10_000_000;
    private const int Attempts = 3;

    public async Task<Result<GeneratedCodesView>> GenerateAsync(Caller caller, string id, int count, DateTime? validTo, DateTime now, CancellationToken ct)
    {
        var campaign = await LockAsync(caller, id, count, ct);
        if (campaign.Failure is { } refused)
        {
            return refused;
        }

        await InsertAsync(campaign.Value, count, _ => null, validTo, now, ct);
        var issued = await CountAsync(caller, id, count, now, ct);
        audit.Audit(caller, "coupon.codes_generated", "coupon", id, new { count, validTo });
        return new GeneratedCodesView(id, count, issued, $"/v1/admin/coupons/{Uri.EscapeDataString(id)}/codes.csv");
    }

    public async Task<Result<AssignedCodesView>> AssignAsync(Caller caller, string id, IReadOnlyList<string> memberIds, DateTime? validTo, DateTime now, CancellationToken ct)
    {
        var distinct = memberIds.Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Members.AsNoTracking().Where(m => m.ProgramId == caller.ProgramId && distinct.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        if (distinct.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
        {
            return MemberErrors.NoSuchMember(unknown);
        }

        var campaign = await LockAsync(caller, id, distinct.Count, ct);
        if (campaign.Failure is { } refused)
        {
            return refused;
        }

        var codes = await InsertAsync(campaign.Value, distinct.Count, i => distinct[i], validTo, now, ct);
        await CountAsync(caller, id, distinct.Count, now, ct);
        audit.Audit(caller, "coupon.codes_assigned", "coupon", id, new { members = distinct.Count, validTo });
        return new AssignedCodesView(id, codes.Select(v => new AssignedCodeView(v.MemberId!, v.Code)).ToList());
    }

    private async Task<Result<CouponCampaign>> LockAsync(Caller caller, string id, int count, CancellationToken ct)
    {
        var campaign = await db.Dialect.LockCouponCampaignAsync(db, caller.ProgramId, id, ct);
        if (campaign is null)
        {
            return CouponAdmin.NotFound(id);
        }

        if (campaign.PublicCode is not null)
        {
            return CouponErrors.HasPublicCode.With($"This campaign's code is the public {campaign.PublicCode}: it hands out no unique codes.");
        }

        if (campaign.CodesIssued + count > MaxPerCampaign)
        {
            return CouponErrors.TooManyCodes.With($"A campaign hands out at most {MaxPerCampaign:N0} codes; this one has {campaign.CodesIssued:N0}.", "count");
        }

        return campaign;
    }

    /// <summary>The campaign's count of codes, raised by the codes just written (re-read: a bulk flush may have let go of the tracked row).</summary>
    private async Task<long> CountAsync(Caller caller, string id, int added, DateTime now, CancellationToken ct)
    {
        var campaign = await db.Dialect.LockCouponCampaignAsync(db, caller.ProgramId, id, ct) ?? throw new InvalidOperationException($"Campaign {id} vanished.");
        campaign.CodesIssued += added;
        campaign.UpdatedAt = now;
        return campaign.CodesIssued;
    }

    private async Task<List<Voucher>> InsertAsync(CouponCampaign campaign, int count, Func<int, string?> member, DateTime? validTo, DateTime now, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Codes are written inside a write transaction.");
        var until = RewardAdmin.Utc(validTo);
        for (var attempt = 1; ; attempt++)
        {
            var codes = new HashSet<string>(count, StringComparer.Ordinal);
            while (codes.Count < count)
            {
                codes.Add(VoucherCode.New(campaign.CodePrefix));
            }

            var issuedAt = Clock.ToStoredPrecision(now);
            var rows = codes.Select((code, i) => new Voucher
            {
                Id = Ids.New("vch"),
                ProgramId = campaign.ProgramId,
                Code = code,
                MemberId = member(i),
                CampaignId = campaign.Id,
                Status = VoucherStatus.Issued,
                ValidTo = until,
                IssuedAt = issuedAt,
            }).ToList();
            await transaction.CreateSavepointAsync("codes", ct);
            try
            {
                await bulk.InsertAsync(rows, ct);
                await bulk.FlushAsync(ct);
                await transaction.ReleaseSavepointAsync("codes", ct);
                // The bulk writer turned change detection off for its rows; the campaign's count is changed after it.
                db.ChangeTracker.AutoDetectChangesEnabled = true;
                return rows;
            }
            catch (Exception e) when (WriteTransaction.IsUniqueViolation(e) && attempt < Attempts)
            {
                await transaction.RollbackToSavepointAsync("codes", ct);
                db.ChangeTracker.Clear();
            }
        }
    }
}
