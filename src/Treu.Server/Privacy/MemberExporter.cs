using Microsoft.EntityFrameworkCore;
using Treu.Domain.Common;
using Treu.Domain.Members;
using Treu.Server.Members;
using Treu.Server.Storage;

namespace Treu.Server.Privacy;

/// <summary>
/// Gathers everything Treu holds about one member, for the member (Art. 15, access) and for them to take elsewhere
/// (Art. 20, portability). One query per kind of record, each on the member's own index.
/// </summary>
public sealed class MemberExporter(TreuDbContext db, TimeProvider clock)
{
    public async Task<Result<MemberExport>> RunAsync(string programId, string memberId, CancellationToken ct)
    {
        var member = await MemberQueries.LoadAsync(db, programId, memberId, ct);
        if (member is null)
        {
            return MemberErrors.NoSuchMember(memberId);
        }

        var (p, m) = (programId, memberId);
        var consents = await db.Consents.AsNoTracking().Where(c => c.ProgramId == p && c.MemberId == m).OrderBy(c => c.RecordedAt).ThenBy(c => c.Id)
            .Select(c => new ExportedConsent(c.Purpose, c.Granted, c.TextVersion, c.Channel, c.RecordedAt)).ToListAsync(ct);
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.ProgramId == p && e.MemberId == m).OrderBy(e => e.Seq)
            .Select(e => new ExportedLedgerEntry(e.Seq, e.Id, e.Kind, e.AvailableDelta, e.PendingDelta, e.Reason, e.Channel, e.StoreId, e.Actor, e.CauseType,
                e.CauseId, e.LotId, e.CreatedAt, e.Hash)).ToListAsync(ct);
        var purchases = await db.Purchases.AsNoTracking().Where(x => x.ProgramId == p && x.MemberId == m).OrderBy(x => x.OccurredAt).ThenBy(x => x.Id)
            .Select(x => new ExportedPurchase(x.Id, x.ExternalId, x.Channel, x.StoreId, x.OccurredAt, x.RecordedAt, x.Currency, x.Total, x.EligibleAmount,
                x.PointsEarned, x.PointsRedeemed, x.RedeemedValue, x.Cashback)).ToListAsync(ct);
        var lines = await db.PurchaseLines.AsNoTracking().Where(l => l.ProgramId == p && l.MemberId == m).OrderBy(l => l.PurchaseId).ThenBy(l => l.LineNo)
            .Select(l => new ExportedPurchaseLine(l.PurchaseId, l.LineNo, l.Sku, l.Name, l.Category, l.Brand, l.Quantity, l.UnitPrice, l.Discount, l.NetAmount,
                l.PointsEarned, l.PointsRedeemed, l.ReturnedQuantity, l.PointsReversed, l.PointsRefunded)).ToListAsync(ct);
        var returns = await db.Returns.AsNoTracking().Where(r => r.ProgramId == p && r.MemberId == m).OrderBy(r => r.RecordedAt).ThenBy(r => r.Id)
            .Select(r => new ExportedReturn(r.Id, r.PurchaseId, r.Channel, r.StoreId, r.ExternalId, r.RecordedAt, r.PointsReversed, r.PointsRefunded, r.Shortfall,
                r.Reason)).ToListAsync(ct);
        var transfers = await db.Transfers.AsNoTracking().Where(t => t.ProgramId == p && (t.FromMemberId == m || t.ToMemberId == m)).OrderBy(t => t.CreatedAt)
            .Select(t => new ExportedTransfer(t.Id, t.FromMemberId, t.ToMemberId, t.Points, t.Reason, t.Channel, t.CreatedAt)).ToListAsync(ct);
        var vouchers = await db.Vouchers.AsNoTracking().Where(v => v.ProgramId == p && v.MemberId == m).OrderBy(v => v.IssuedAt).ThenBy(v => v.Id)
            .Select(v => new ExportedVoucher(v.Id, v.Code, v.RewardId, v.CampaignId, v.Status, v.IssuedAt, v.ValidFrom, v.ValidTo, v.PointsSpent, v.RedeemedAt,
                v.RedeemedPurchaseId, v.ClosedAt, v.PointsRefunded)).ToListAsync(ct);
        var donations = await db.Donations.AsNoTracking().Where(d => d.ProgramId == p && d.MemberId == m).OrderBy(d => d.CreatedAt)
            .Select(d => new ExportedDonation(d.Id, d.RewardId, d.Recipient, d.Amount, d.Currency, d.PointsSpent, d.CreatedAt)).ToListAsync(ct);
        var tiers = await db.TierChanges.AsNoTracking().Where(t => t.ProgramId == p && t.MemberId == m).OrderBy(t => t.At).ThenBy(t => t.Id)
            .Select(t => new ExportedTierChange(t.At, t.FromTier, t.ToTier, t.Direction, t.Cause, t.Reason)).ToListAsync(ct);
        var events = await db.MemberEvents.AsNoTracking().Where(e => e.ProgramId == p && e.MemberId == m).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new ExportedEvent(e.Id, e.Type, e.ExternalId, e.Channel, e.OccurredAt, e.Points)).ToListAsync(ct);
        var sessions = await db.MemberSessions.AsNoTracking().Where(s => s.ProgramId == p && s.MemberId == m).OrderBy(s => s.CreatedAt)
            .Select(s => new ExportedSession(s.Id, s.CreatedAt, s.CreatedBy, s.AccessExpiresAt, s.RefreshExpiresAt, s.RevokedAt)).ToListAsync(ct);

        return new MemberExport(clock.GetUtcNow().UtcDateTime, programId, ExportedMember.From(member),
            member.Cards.OrderBy(c => c.AddedAt).Select(c => new ExportedCard(c.Number, c.AddedAt)).ToList(), consents, ledger, purchases, lines, returns,
            transfers, vouchers, donations, tiers, events, sessions);
    }
}
