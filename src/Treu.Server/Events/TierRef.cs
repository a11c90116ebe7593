using Treu.Domain.Tiers;

namespace Treu.Server.Events;

/// <summary>A tier as an answer or an event names it: its id and its names, for a message to the member.</summary>
public sealed record TierRef(string Id, LocalizedText Name)
{
    /// <summary>The ladder's tier; a tier the ladder no longer has is named by its id.</summary>
    public static TierRef Of(TierLadder ladder, string id) => new(id, ladder.Find(id)?.Name ?? new LocalizedText(id, id));
}
