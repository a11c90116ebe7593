using System.ComponentModel.DataAnnotations;

namespace Treu.Server.Events;

/// <summary>
/// The payload of <see cref="EventTypes.TierChanged"/>: a member's tier went up or down, and why.
/// </summary>
/// <param name="From">The tier before: the base tier for a member who had none yet.</param>
/// <param name="Direction">up or down.</param>
/// <param name="Cause">purchase, return, event, adjustment, review, admin or import.</param>
/// <param name="CauseId">What caused it, where it has an id: the purchase, return, member event or adjustment.</param>
/// <param name="Reason">An administrator's or an import's reason, or what a review decided.</param>
public sealed record TierChanged(
    string MemberId,
    TierRef From,
    TierRef To,
    [property: AllowedValues("up", "down")] string Direction,
    [property: AllowedValues("purchase", "return", "event", "adjustment", "review", "admin", "import")] string Cause,
    string? CauseId,
    string? Reason);
