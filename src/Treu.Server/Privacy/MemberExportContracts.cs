using Treu.Domain.Ledger;
using Treu.Domain.Members;
using Treu.Domain.Rewards;

namespace Treu.Server.Privacy;

/// <summary>
/// Everything Treu holds about one member (GDPR Art. 15 and 20), one list per kind of record. The lists are flat, each row
/// naming what it belongs to (a purchase line its purchase), so that the CSV bundle has the same files as this has lists.
/// </summary>
public sealed record MemberExport(
    DateTime ExportedAt,
    string ProgramId,
    ExportedMember Member,
    IReadOnlyList<ExportedCard> Cards,
    IReadOnlyList<ExportedConsent> Consents,
    IReadOnlyList<ExportedLedgerEntry> Ledger,
    IReadOnlyList<ExportedPurchase> Purchases,
    IReadOnlyList<ExportedPurchaseLine> PurchaseLines,
    IReadOnlyList<ExportedReturn> Returns,
    IReadOnlyList<ExportedTransfer> Transfers,
    IReadOnlyList<ExportedVoucher> Vouchers,
    IReadOnlyList<ExportedDonation> Donations,
    IReadOnlyList<ExportedTierChange> TierChanges,
    IReadOnlyList<ExportedEvent> Events,
    IReadOnlyList<ExportedSession> Sessions);

public sealed record ExportedMember(
    string Id, string MemberNumber, string? Email, string? Phone, string? FirstName, string? LastName, DateOnly? BirthDate, string Language,
    MemberStatus Status, string? BlockedReason, string EnrolledChannel, string? EnrolledStoreId, string? ExternalRef, string? Tier, DateTime? TierSince,
    string? ManualTier, DateTime? ManualTierUntil, string? ManualTierReason, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Attributes,
    DateTime CreatedAt, DateTime UpdatedAt, long Available, long Pending, long LifetimeEarned, long LifetimeSpent)
{
    public static ExportedMember From(Member m) => new(m.Id, m.MemberNumber, m.Email, m.Phone, m.FirstName, m.LastName, m.BirthDate, m.Language, m.Status,
        m.BlockedReason, m.EnrolledChannel, m.EnrolledStoreId, m.ExternalRef, m.Tier, m.TierSince, m.ManualTier, m.ManualTierUntil, m.ManualTierReason,
        m.Tags, m.Attributes, m.CreatedAt, m.UpdatedAt, m.Available, m.Pending, m.LifetimeEarned, m.LifetimeSpent);
}

public sealed record ExportedCard(string Number, DateTime AddedAt);

/// <summary>Every word the member gave, withdrew or gave again, with the version of the text they saw: the proof of consent.</summary>
public sealed record ExportedConsent(string Purpose, bool Granted, string TextVersion, string Channel, DateTime RecordedAt);

public sealed record ExportedLedgerEntry(
    long Seq, string Id, EntryKind Kind, long AvailableDelta, long PendingDelta, string Reason, string Channel, string? StoreId, string Actor,
    string CauseType, string CauseId, string? LotId, DateTime CreatedAt, string Hash);

public sealed record ExportedPurchase(
    string Id, string ExternalId, string Channel, string StoreId, DateTime OccurredAt, DateTime RecordedAt, string Currency, decimal Total,
    decimal EligibleAmount, long PointsEarned, long PointsRedeemed, decimal RedeemedValue, decimal Cashback);

public sealed record ExportedPurchaseLine(
    string PurchaseId, int LineNo, string Sku, string? Name, string? Category, string? Brand, decimal Quantity, decimal UnitPrice, decimal Discount,
    decimal NetAmount, long PointsEarned, long PointsRedeemed, decimal ReturnedQuantity, long PointsReversed, long PointsRefunded);

public sealed record ExportedReturn(
    string Id, string PurchaseId, string Channel, string StoreId, string? ExternalId, DateTime RecordedAt, long PointsReversed, long PointsRefunded,
    long Shortfall, string? Reason);

public sealed record ExportedTransfer(string Id, string FromMemberId, string ToMemberId, long Points, string Reason, string Channel, DateTime CreatedAt);

public sealed record ExportedVoucher(
    string Id, string Code, string? RewardId, string? CampaignId, VoucherStatus Status, DateTime IssuedAt, DateTime? ValidFrom, DateTime? ValidTo,
    long PointsSpent, DateTime? RedeemedAt, string? RedeemedPurchaseId, DateTime? ClosedAt, long PointsRefunded);

public sealed record ExportedDonation(string Id, string RewardId, string Recipient, decimal Amount, string Currency, long PointsSpent, DateTime CreatedAt);

public sealed record ExportedTierChange(DateTime At, string FromTier, string ToTier, string Direction, string Cause, string? Reason);

/// <summary>An action the member was rewarded for (a newsletter opt-in, a review, a survey answered).</summary>
public sealed record ExportedEvent(string Id, string Type, string? ExternalId, string Channel, DateTime OccurredAt, long Points);

/// <summary>A sign-in of the member: when, how, and whether it has ended (never its tokens).</summary>
public sealed record ExportedSession(string Id, DateTime CreatedAt, string CreatedBy, DateTime AccessExpiresAt, DateTime RefreshExpiresAt, DateTime? RevokedAt);

/// <param name="Reason">Why: the request it answers (a letter of 2026-12-01, the member in the app). Kept in the audit trail; name no personal data.</param>
public sealed record EraseMemberRequest([property: System.ComponentModel.DataAnnotations.MaxLength(500)] string? Reason);

/// <param name="SessionsEnded">Sign-ins that ended with the erasure.</param>
public sealed record ErasureView(string MemberId, DateTime ErasedAt, int SessionsEnded);
