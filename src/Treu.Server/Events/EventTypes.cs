namespace Treu.Server.Events;

/// <summary>
/// The domain events Treu writes, by type name, each with its payload record in this folder and its entry in
/// docs/events.md (when it is written, an example). A type's name and payload are public: webhooks send them.
/// </summary>
public static class EventTypes
{
    /// <summary>A member's tier went up or down: <see cref="TierChanged"/>.</summary>
    public const string TierChanged = "tier.changed";

    /// <summary>A member's personal data was erased (GDPR Art. 17): <see cref="MemberErased"/>.</summary>
    public const string MemberErased = "member.erased";

    public static readonly IReadOnlyList<string> All = [TierChanged, MemberErased];
}
