using Treu.Domain.Rewards;

namespace Treu.Server.Events;

// The payload of each event type (EventTypes), as webhooks send it in "data".
// A payload names the member, carries what a receiver needs to act without asking back, and never personal data beyond
// the member's id (a receiver that needs the e-mail address reads the member through the API).

/// <summary>A balance after the fact: what the member can spend now and what is still pending.</summary>
public sealed record EventBalance(long Available, long Pending);

/// <summary>A consent as an event tells it: the purpose and the member's word.</summary>
public sealed record EventConsent(string Purpose, bool Granted);

/// <summary><see cref="EventTypes.MemberEnrolled"/>: a shopper joined the program.</summary>
/// <param name="Channel">The channel of the key that enrolled the member: store, webshop, app or admin.</param>
/// <param name="StoreId">Where the member enrolled, if in a store.</param>
/// <param name="Language">de or en: the language messages to the member are written in.</param>
/// <param name="Consents">The consents given at enrolment.</param>
public sealed record MemberEnrolled(string MemberId, string MemberNumber, string Channel, string? StoreId, string Language, IReadOnlyList<EventConsent> Consents);

/// <summary><see cref="EventTypes.PurchaseRecorded"/>: a purchase was recorded for the member.</summary>
/// <param name="ExternalId">The receipt or order id the till or the webshop gave.</param>
/// <param name="OccurredAt">When the purchase happened (a till that was offline reports it later).</param>
/// <param name="PointsEarned">Points earned; pending through the return window unless the program says otherwise.</param>
public sealed record PurchaseRecorded(
    string MemberId, string PurchaseId, string ExternalId, string Channel, string? StoreId, DateTime OccurredAt, string Currency, decimal Total,
    long PointsEarned, long PointsRedeemed, EventBalance Balance);

/// <summary><see cref="EventTypes.ReturnRecorded"/>: goods of a purchase came back.</summary>
/// <param name="PointsReversed">Earned points taken back.</param>
/// <param name="PointsRefunded">Redeemed points given back.</param>
/// <param name="Shortfall">Points that could not be taken back because they were spent (the program's return policy decides).</param>
public sealed record ReturnRecorded(
    string MemberId, string ReturnId, string PurchaseId, string? ExternalId, long PointsReversed, long PointsRefunded, long Shortfall, EventBalance Balance);

/// <summary><see cref="EventTypes.PointsEarned"/>: points were credited to the member.</summary>
/// <param name="Status">pending (through the return window) or available.</param>
/// <param name="AvailableAt">When pending points become available; null when available now.</param>
/// <param name="ExpiresAt">When the points expire; null when the program's points never expire.</param>
/// <param name="Cause">purchase, event (a rewarded action) or adjustment.</param>
/// <param name="CauseId">The purchase (txn_…), member event (evt_…) or adjustment (adj_…).</param>
public sealed record PointsEarned(
    string MemberId, long Points, string Status, DateTime? AvailableAt, DateTime? ExpiresAt, string Cause, string CauseId, EventBalance Balance);

/// <summary><see cref="EventTypes.PointsExpired"/>: points expired (the expiry job), one event per member and run.</summary>
public sealed record PointsExpired(string MemberId, long Points, EventBalance Balance);

/// <summary><see cref="EventTypes.ConsentChanged"/>: a consent was given or withdrawn by a profile change.</summary>
/// <param name="Channel">Where: the channel of the key that changed the profile (store, webshop, app or admin).</param>
public sealed record ConsentChanged(string MemberId, string Purpose, bool Granted, string TextVersion, string Channel);

/// <summary><see cref="EventTypes.RewardRedeemed"/>: the member spent points on a reward of the catalogue.</summary>
/// <param name="Name">The reward's name by language (de, en).</param>
/// <param name="VoucherId">The voucher the reward issued (its own <c>voucher.issued</c> event follows); null for a donation.</param>
/// <param name="DonationId">The donation made in the member's name; null for a voucher.</param>
public sealed record RewardRedeemed(
    string MemberId, string RewardId, IReadOnlyDictionary<string, string> Name, long Points, string? VoucherId, string? DonationId, EventBalance Balance);

/// <summary><see cref="EventTypes.VoucherIssued"/>: the member got a voucher.</summary>
/// <param name="Code">The code the member shows at the till or types in the webshop.</param>
/// <param name="RewardId">The reward it was redeemed for.</param>
/// <param name="Amount">For amount_off and store_credit: the amount in the program's currency.</param>
/// <param name="Percent">For percent_off: the percentage.</param>
/// <param name="ValidTo">The last moment it can be used; null when it does not expire.</param>
public sealed record VoucherIssued(
    string MemberId, string VoucherId, string Code, string RewardId, BenefitKind Kind, decimal? Amount, decimal? Percent, DateTime? ValidFrom, DateTime? ValidTo);
