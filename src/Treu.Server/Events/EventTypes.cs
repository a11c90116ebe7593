namespace Treu.Server.Events;

/// <summary>
/// The domain events Treu writes, by type name, each with its payload record in this folder and its entry in
/// docs/events.md (when it is written, an example). A type's name and payload are public: webhooks send them, the OpenAPI
/// document lists them under <c>webhooks</c>.
/// </summary>
public static class EventTypes
{
    /// <summary>A shopper joined: <see cref="Events.MemberEnrolled"/>.</summary>
    public const string MemberEnrolled = "member.enrolled";

    /// <summary>A purchase was recorded: <see cref="Events.PurchaseRecorded"/>.</summary>
    public const string PurchaseRecorded = "purchase.recorded";

    /// <summary>Goods came back: <see cref="Events.ReturnRecorded"/>.</summary>
    public const string ReturnRecorded = "return.recorded";

    /// <summary>Points were credited: <see cref="Events.PointsEarned"/>.</summary>
    public const string PointsEarned = "points.earned";

    /// <summary>Points expired: <see cref="Events.PointsExpired"/>.</summary>
    public const string PointsExpired = "points.expired";

    /// <summary>A member's tier went up or down: <see cref="Events.TierChanged"/>.</summary>
    public const string TierChanged = "tier.changed";

    /// <summary>A consent was given or withdrawn: <see cref="Events.ConsentChanged"/>.</summary>
    public const string ConsentChanged = "consent.changed";

    /// <summary>A member's personal data was erased (GDPR Art. 17): <see cref="Events.MemberErased"/>.</summary>
    public const string MemberErased = "member.erased";

    /// <summary>Points were spent on a reward: <see cref="Events.RewardRedeemed"/>.</summary>
    public const string RewardRedeemed = "reward.redeemed";

    /// <summary>The member got a voucher: <see cref="Events.VoucherIssued"/>.</summary>
    public const string VoucherIssued = "voucher.issued";

    public static readonly IReadOnlyList<EventType> Catalogue =
    [
        new(MemberEnrolled, typeof(Events.MemberEnrolled), "A shopper joined the program through the API, from any channel (an import writes none).",
            EventExamples.MemberEnrolled),
        new(PurchaseRecorded, typeof(Events.PurchaseRecorded), "A purchase was recorded for the member (a till, the webshop, the app).", EventExamples.PurchaseRecorded),
        new(ReturnRecorded, typeof(Events.ReturnRecorded), "Goods of a purchase came back; points were taken back or refunded.", EventExamples.ReturnRecorded),
        new(PointsEarned, typeof(Events.PointsEarned), "Points were credited: by a purchase, a rewarded action or an adjustment.", EventExamples.PointsEarned),
        new(PointsExpired, typeof(Events.PointsExpired), "Points expired (the expiry job), one event per member and run.", EventExamples.PointsExpired),
        new(TierChanged, typeof(Events.TierChanged), "The member's tier went up or down.", EventExamples.TierChanged),
        new(ConsentChanged, typeof(Events.ConsentChanged), "A consent was given or withdrawn by a profile change.", EventExamples.ConsentChanged),
        new(MemberErased, typeof(Events.MemberErased), "The member's personal data was erased; a system that keeps a copy removes its copy.", EventExamples.MemberErased),
        new(RewardRedeemed, typeof(Events.RewardRedeemed), "The member spent points on a reward: a voucher or a donation.", EventExamples.RewardRedeemed),
        new(VoucherIssued, typeof(Events.VoucherIssued), "The member got a voucher for a redeemed reward.", EventExamples.VoucherIssued),
    ];

    public static readonly IReadOnlyList<string> All = Catalogue.Select(t => t.Name).ToArray();

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
